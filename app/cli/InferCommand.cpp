// `cardiolens-cli infer --model NAME_OR_PATH INPUT... [--out PATH] [--threads N]
// [--beats auto|annotations|detector] [--single-pass] [--json]`: runs a model on ECG records or
// images and prints per-case results and uncertainty as JSON. Label maps are written as NIfTI (or
// any format VolumeWriter knows, by extension) on the input's grid; ECG results as a WFDB
// annotation file. --out is a file for one input, or an existing folder for several.
// Segmentation: --reference PATH|auto [--reference-convention NAME] scores the prediction
// against expert labels (a Sunnybrook case or a label file on the image's grid; auto = the
// Sunnybrook contours of the input's own case) and adds per-label Dice as "agreement";
// multi-phase results carry "cine_metrics" (LV EDV/ESV/EF/mass of the prediction).
// ECG: --reference ANNOTATOR (beat models: e.g. atr) or --reference REFERENCE.csv (record
// models) adds per-input "evaluation" and, over all inputs, "evaluation_total": a confusion
// matrix with per-class Se / +P / F1.
#include "cli/CliCommand.h"

#include "common/JsonOutput.h"
#include "ecg/MitAnnotationIO.h"
#include "imaging/VolumeWriter.h"
#include "inference/EcgReferenceScore.h"
#include "inference/InferenceRunner.h"
#include "inference/ModelRegistry.h"
#include "inference/UncertaintyCache.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>

#include <optional>

namespace cardiolens::cli {

namespace {
using namespace cardiolens::inference;

std::optional<imaging::LabelConvention> conventionNamed(const QString& name) {
    for (auto c : {imaging::LabelConvention::Internal, imaging::LabelConvention::Acdc,
                   imaging::LabelConvention::Mnms, imaging::LabelConvention::Camus,
                   imaging::LabelConvention::EchoNet})
        if (imaging::labelConventionName(c) == name.toLower())
            return c;
    return std::nullopt;
}

// --reference for ECG models: reference beats of an annotator, or record labels from a
// REFERENCE.csv; keeps the running total over all inputs.
class EcgScoring {
public:
    static Result<EcgScoring> prepare(const ModelManifest& m, const QString& reference) {
        EcgScoring s;
        s.m_reference = reference;
        s.m_total = ClassificationTally(EcgReferenceScore::classCodes(m));
        if (m.task == ModelTask::EcgRecordClassification) {
            auto csv = EcgReferenceScore::readReferenceCsv(reference);
            if (!csv)
                return csv.error();
            s.m_records = csv.value();
        } else if (m.task != ModelTask::EcgBeatClassification) {
            return Error{QStringLiteral("--reference scores beat and record classifiers; %1 is a "
                                        "%2 model")
                             .arg(m.id(), taskName(m.task)),
                         {}};
        }
        return s;
    }

    bool active() const { return !m_reference.isEmpty(); }
    const ClassificationTally& total() const { return m_total; }

    Result<ClassificationTally> score(const InferenceResult& r, const ModelManifest& m,
                                      const QString& input) {
        ClassificationTally t;
        if (m.task == ModelTask::EcgRecordClassification) {
            QString name = QFileInfo(input).fileName();
            if (name.contains(QLatin1Char('.')))
                name = QFileInfo(input).completeBaseName();
            if (!m_records.contains(name))
                return fileError(m_reference,
                                 QStringLiteral("has no label for record %1").arg(name));
            t = EcgReferenceScore::record(r, m, m_records.value(name));
        } else {
            auto set = ecg::MitAnnotationIO::read(input, m_reference);
            if (!set)
                return set.error();
            t = EcgReferenceScore::beats(r, m, *set);
        }
        m_total += t;
        return t;
    }

private:
    QString m_reference;
    QHash<QString, QString> m_records;
    ClassificationTally m_total;
};

QString outputPathFor(const QString& out, const QString& input, const ModelManifest& m, bool many) {
    if (out.isEmpty())
        return {};
    if (!many && !QFileInfo(out).isDir())
        return out;
    QString base = QFileInfo(input).completeBaseName();
    if (base.endsWith(QLatin1String(".nii")))
        base.chop(4);
    const QString ext = m.isEcg() ? m.name : QStringLiteral("%1.nii.gz").arg(m.name);
    return QDir(out).filePath(base + QLatin1Char('.') + ext);
}

int runInfer(const CliCommand& self, const QStringList& args) {
    QString model, out;
    QStringList inputs;
    int threads = 2;
    bool singlePass = false;
    bool reuseScores = false; // Active learning: skip cases already scored by this model version.
    InferenceRequest request;
    for (int i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        auto value = [&]() {
            return i + 1 < args.size() ? args[++i] : QString();
        };
        if (a == QLatin1String("--json"))
            continue;
        if (a == QLatin1String("--model"))
            model = value();
        else if (a == QLatin1String("--out"))
            out = value();
        else if (a == QLatin1String("--threads")) {
            bool ok = false;
            threads = value().toInt(&ok);
            if (!ok || threads < 1)
                return usageError(self, QStringLiteral("--threads needs a positive number"));
        } else if (a == QLatin1String("--reference")) {
            request.segmentation.referencePath = value();
            if (request.segmentation.referencePath.isEmpty())
                return usageError(self, QStringLiteral("--reference needs a path, auto or an "
                                                       "annotator name"));
        } else if (a == QLatin1String("--reference-convention")) {
            const auto c = conventionNamed(value());
            if (!c)
                return usageError(self, QStringLiteral("--reference-convention takes internal, "
                                                       "acdc, mnms, camus or echonet"));
            request.segmentation.referenceConvention = *c;
        } else if (a == QLatin1String("--reuse-scores")) {
            reuseScores = true;
        } else if (a == QLatin1String("--single-pass")) {
            singlePass = true;
        } else if (a == QLatin1String("--any-modality")) {
            request.anyModality = true;
        } else if (a == QLatin1String("--beats")) {
            const QString b = value();
            if (b == QLatin1String("auto"))
                request.ecg.beats = BeatSource::Auto;
            else if (b == QLatin1String("annotations"))
                request.ecg.beats = BeatSource::Annotations;
            else if (b == QLatin1String("detector"))
                request.ecg.beats = BeatSource::Detector;
            else
                return usageError(self,
                                  QStringLiteral("--beats takes auto, annotations or detector"));
        } else if (a.startsWith(QLatin1String("--")))
            return usageError(self, QStringLiteral("unknown option %1").arg(a));
        else
            inputs << a;
    }
    if (model.isEmpty() || inputs.isEmpty())
        return usageError(self, QStringLiteral("infer needs --model and at least one INPUT"));
    if (inputs.size() > 1 && !out.isEmpty() && !QFileInfo(out).isDir())
        return usageError(self,
                          QStringLiteral("--out must be an existing folder for several inputs"));

    const ModelRegistry registry = ModelRegistry::scan();
    auto manifest = registry.find(model);
    if (!manifest) {
        printError(manifest.error().describe());
        return kExitBadData;
    }
    request.model = *manifest;
    // ECG models read --reference as an annotator (beats) or a REFERENCE.csv (records).
    const QString ecgReference = manifest->isEcg() ? request.segmentation.referencePath : QString();
    if (manifest->isEcg())
        request.segmentation.referencePath.clear();
    EcgScoring scoring;
    if (!ecgReference.isEmpty()) {
        auto prepared = EcgScoring::prepare(*manifest, ecgReference);
        if (!prepared) {
            printError(prepared.error().describe());
            return kExitBadData;
        }
        scoring = std::move(prepared.value());
    }
    if (singlePass) // One forward per item; uncertainty from the entropy of that pass.
        request.model.uncertainty = UncertaintyMethod::Entropy;
    UncertaintyCache cache;
    QJsonArray results;
    int failures = 0;
    for (const QString& input : inputs) {
        request.casePath = input;
        if (reuseScores && out.isEmpty() && request.segmentation.referencePath.isEmpty()) {
            if (const auto score = cache.lookup(input, manifest->id())) {
                QJsonObject unc{{QStringLiteral("score"), *score},
                                {QStringLiteral("cached"), true}};
                results.append(QJsonObject{{QStringLiteral("case"), input},
                                           {QStringLiteral("model"), manifest->id()},
                                           {QStringLiteral("uncertainty"), unc}});
                continue;
            }
        }
        JobControl control;
        auto r = InferenceRunner::run(request, control, threads);
        if (!r) {
            printError(r.error().describe());
            QJsonObject failed{{QStringLiteral("case"), input},
                               {QStringLiteral("model"), manifest->id()},
                               {QStringLiteral("error"), r.error().describe()}};
            results.append(failed);
            ++failures;
            continue;
        }
        QJsonObject o = r->toJson();
        if (scoring.active()) {
            auto score = scoring.score(*r, *manifest, input);
            if (score)
                o[QStringLiteral("evaluation")] = score->toJson();
            else
                o[QStringLiteral("evaluation_error")] = score.error().describe();
        }
        const QString path = outputPathFor(out, input, *manifest, inputs.size() > 1);
        if (!path.isEmpty()) {
            Result<bool> written = r->labels ? imaging::VolumeWriter::write(*r->labels, path)
                                             : ecg::MitAnnotationIO::write(path, r->annotations);
            if (!written) {
                printError(written.error().describe());
                o[QStringLiteral("error")] = written.error().describe();
                ++failures;
            } else {
                o[QStringLiteral("output")] = path;
            }
        }
        (void)cache.store(input, manifest->id(), r->uncertainty, r->uncertaintyMethod);
        results.append(o);
    }
    QJsonObject report{{QStringLiteral("model"), manifest->toJson()},
                       {QStringLiteral("results"), results}};
    if (scoring.active())
        report[QStringLiteral("evaluation_total")] = scoring.total().toJson();
    writeJson(report);
    return failures ? kExitBadData : kExitOk;
}

CliCommand inferCommand() {
    CliCommand c;
    c.name = QStringLiteral("infer");
    c.summary =
        QStringLiteral("run a model on ECG records or images; results and uncertainty as JSON");
    c.usage = QStringLiteral(
        "infer --model NAME_OR_PATH INPUT... [--out PATH] [--threads N] "
        "[--beats auto|annotations|detector] [--single-pass] [--reuse-scores] [--any-modality] "
        "[--reference PATH|auto [--reference-convention NAME]] [--json]\n"
        "  --reference: segmentation only; expert labels to score the prediction against (a\n"
        "  Sunnybrook case folder, or a label file with the image's grid in NAME's label values:\n"
        "  internal, acdc, mnms, camus, echonet); auto = the Sunnybrook contours of the input's\n"
        "  case. Adds \"agreement\": per-label Dice over the frames the reference labels.\n"
        "  ECG models: --reference ANNOTATOR (beat classifiers, e.g. atr: reference beats\n"
        "  matched within 150 ms, AAMI classes) or --reference REFERENCE.csv (record classifiers,\n"
        "  \"record,label\" rows) adds \"evaluation\" per input and \"evaluation_total\": "
        "confusion\n"
        "  matrix, per-class sensitivity, PPV and F1.");
    c.run = [c](const QStringList& args) {
        return runInfer(c, args);
    };
    return c;
}

const bool registered = registerCliCommand(inferCommand());
} // namespace

} // namespace cardiolens::cli
