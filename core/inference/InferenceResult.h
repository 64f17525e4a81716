#pragma once

#include "ecg/Annotation.h"
#include "imaging/LabelVolume.h"

#include <QJsonObject>
#include <QString>

#include <memory>
#include <vector>

namespace cardiolens::inference {

/// Record classification: every window's class probabilities (plots, rhythm episodes).
struct WindowProbabilities {
    std::vector<double> startSeconds;         ///< Window start in record time.
    double windowSeconds = 0;                 ///< Window length in record time.
    std::vector<std::vector<float>> perClass; ///< [output label][window].
};

/// The outcome of one inference job on one case.
struct InferenceResult {
    QString modelId;  ///< "name@version", also the provenance in annotations.
    QString casePath; ///< The record or image it ran on.
    QString task;
    /// ECG: beat/wave annotations (aux "model:name@version"), in the record's frame clock.
    std::vector<ecg::Annotation> annotations;
    /// Beat classification: each beat's normalised entropy (0..1), parallel to annotations.
    std::vector<float> beatUncertainty;
    double frameRate = 0; ///< ECG: the record's frame rate (annotation samples -> seconds).
    /// Record classification: mean probability per output label name.
    std::vector<std::pair<QString, double>> classProbabilities;
    QString predictedLabel;
    WindowProbabilities windows;
    /// Segmentation: labels on the input's grid (internal CardiacLabel values).
    std::shared_ptr<imaging::LabelVolume> labels;
    /// Per-case uncertainty (0..1, higher = less sure) and how it was measured.
    double uncertainty = 0;
    QString uncertaintyMethod;
    int items = 0; ///< Windows, beats or frames the model ran on.
    double elapsedMs = 0;
    QJsonObject details; ///< Task-specific figures (class counts, per-frame scores...).

    QJsonObject toJson() const;
};

} // namespace cardiolens::inference
