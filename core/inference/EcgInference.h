#pragma once

#include "common/Result.h"
#include "ecg/EcgRecord.h"
#include "inference/InferenceResult.h"
#include "inference/JobControl.h"
#include "inference/ModelSession.h"

namespace cardiolens::inference {

/// Where beat classification takes its beats from.
enum class BeatSource { Auto, Annotations, Detector };

struct EcgInferenceOptions {
    BeatSource beats = BeatSource::Auto; ///< Auto: the record's "atr" beats, else the QRS detector.
    QString referenceAnnotator = QStringLiteral("atr");
    int batchSize = 64; ///< Windows per forward; small enough that cancel stays under 200 ms.
};

/// Runs an ECG model over \a record according to its manifest task:
/// - ecg-beat-classification: a window centred on each beat -> one annotation per beat with
///   the class's MIT code and aux "model:name@version";
/// - ecg-record-classification: windows at the manifest stride, probabilities averaged;
/// - ecg-delineation: windows at the stride, per-sample probabilities averaged, each wave
///   written as onset "(", peak (the label's code) and offset ")".
/// Leads are picked by name ("any" = first lead; "II" also matches "MLII"), converted to mV
/// and resampled to the model's rate by linear interpolation (as the training scripts do).
Result<InferenceResult> runEcgModel(ModelSession& session, const ecg::EcgRecord& record,
                                    const JobControl& control,
                                    const EcgInferenceOptions& options = {});

/// The record's leads named by the manifest, in mV at the model's rate.
Result<std::vector<std::vector<float>>> modelLeads(const ModelManifest& manifest,
                                                   const ecg::EcgRecord& record);

} // namespace cardiolens::inference
