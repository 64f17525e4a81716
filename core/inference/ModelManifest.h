#pragma once

#include "common/Result.h"
#include "inference/Tensor.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

namespace cardiolens::inference {

enum class ModelTask {
    EcgRecordClassification,
    EcgBeatClassification,
    EcgDelineation,
    Segmentation2d
};
enum class Activation { Softmax, Sigmoid, None };
enum class Normalisation { ZScore, MinMax, Percentile, None };
enum class UncertaintyMethod { Entropy, McDropout, FlipTta };

QString taskName(ModelTask task);
QString uncertaintyMethodName(UncertaintyMethod method);

/// One output class: index in the model's class axis, display name and the internal code it
/// maps to (an MIT mnemonic such as "N"/"V" or an imaging label key such as "lv_blood_pool").
struct OutputLabel {
    int index = 0;
    QString name;
    QString code;
};

/// What the model expects. ECG fields are meaningful for ECG tasks, image fields for
/// segmentation; the other group keeps its defaults.
struct InputContract {
    DType dtype = DType::Float32;
    std::vector<std::int64_t> shape; ///< -1 = variable (batch or length).
    // ECG
    QStringList leads; ///< Lead names in model order; {"any"} = the record's first lead.
    double samplingRateHz = 0;
    int windowSamples = 0;
    int strideSamples = 0;
    bool beatCentred = false;
    /// Beat tasks: window samples before the beat ("beat_window_before_samples"; default
    /// half the window, i.e. centred).
    int beatOffsetSamples = 0;
    /// Beat tasks: RR intervals appended after each window's samples (names from
    /// BeatRrFeatures), and how many previous RRs the local mean spans.
    QStringList rrFeatures;
    int rrLocalBeats = 10;
    /// Values per lead row of the input tensor: the window, then the RR features.
    int rowLength() const { return windowSamples + int(rrFeatures.size()); }
    // Images
    int channels = 1;
    int height = 0;
    int width = 0;
    /// DICOM modality codes the model was trained on ("MR", "US"); empty = any.
    QStringList modalities;
    Normalisation normalisation = Normalisation::None; ///< Per window (ECG) or per frame.
    double normLow = 1; ///< Percentile bounds for Normalisation::Percentile.
    double normHigh = 99;
};

/// The JSON file beside each TorchScript model (see core/inference/README.md for the schema).
struct ModelManifest {
    QString manifestPath; ///< Absolute path of manifest.json.
    QString name;
    QString version;
    ModelTask task = ModelTask::EcgRecordClassification;
    QString file;      ///< As written in the manifest.
    QString modelPath; ///< Resolved absolute path of the .pt (may not exist; see ModelRegistry).
    QString description;
    QString licence;
    QString trainingData;
    QJsonObject metrics;
    InputContract input;
    Activation activation = Activation::None;
    std::vector<OutputLabel> labels;
    double minWaveMs = 0; ///< Delineation: wave runs shorter than this are dropped.
    std::map<QString, double> thresholds;
    UncertaintyMethod uncertainty = UncertaintyMethod::Entropy;
    int uncertaintyPasses = 1;

    /// The threshold for \a label, keyed in "thresholds" by its name or else its code.
    std::optional<double> thresholdFor(const OutputLabel& label) const;
    /// "name@version": the provenance tag written into results.
    QString id() const { return name + QLatin1Char('@') + version; }
    bool isEcg() const { return task != ModelTask::Segmentation2d; }
    /// The declared input shape with every -1 replaced by a concrete size (1 for batch axes,
    /// the window length for a variable ECG length): what a validation forward feeds.
    std::vector<std::int64_t> concreteInputShape() const;

    /// Reads and validates \a path. Errors name the file and the offending field.
    static Result<ModelManifest> read(const QString& path);
    /// Validates an already parsed JSON object; \a path is used for errors and to resolve "file".
    static Result<ModelManifest> fromJson(const QJsonObject& json, const QString& path);
    /// JSON summary for `cardiolens-cli models`.
    QJsonObject toJson() const;
};

} // namespace cardiolens::inference
