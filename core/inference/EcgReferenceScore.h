#pragma once

#include "common/Result.h"
#include "ecg/Annotation.h"
#include "inference/ClassificationTally.h"
#include "inference/InferenceResult.h"
#include "inference/ModelManifest.h"

#include <QHash>

namespace cardiolens::inference {

/// Scores an ECG model's output against reference labels, so anyone can check a model on
/// their own data (`infer ... --reference`).
class EcgReferenceScore {
public:
    /// The model's class codes in output order: the classes a tally is kept over.
    static QStringList classCodes(const ModelManifest& model);

    /// Beat models: every reference beat whose AAMI class is one of the model's class codes
    /// is paired with the nearest predicted beat within 150 ms (each used once); unpaired
    /// reference beats are "missed", unpaired predictions of a class "extra".
    static ClassificationTally beats(const InferenceResult& result, const ModelManifest& model,
                                     const ecg::AnnotationSet& reference);

    /// Record models: the model class a reference label stands for — the same code, else AF
    /// for CinC 2017's "A", else the model's "other" class; -1 when none fits.
    static int recordClass(const ModelManifest& model, const QString& referenceCode);
    static ClassificationTally record(const InferenceResult& result, const ModelManifest& model,
                                      const QString& referenceCode);

    /// A CinC-2017-style REFERENCE.csv: "record,label" rows -> label by record name.
    static Result<QHash<QString, QString>> readReferenceCsv(const QString& path);
};

} // namespace cardiolens::inference
