// `cardiolens-cli models` and `cardiolens-cli infer` as a user runs them: JSON on stdout,
// annotation / label files written, bad models refused with the model and reason, exit 1.
#include "ModelFolder.h"
#include "TestData.h"
#include "TorchRequired.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace cardiolens;

namespace {
struct Run {
    int exitCode = -1;
    QByteArray out;
    QString err;
};

Run cli(const QStringList& args) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CARDIOLENS_MODELS_DIR"),
               test::scratchDir() + QStringLiteral("/user-models"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), test::scratchDir() + QStringLiteral("/data"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(CARDIOLENS_CLI_PATH), args);
    Run r;
    if (!p.waitForFinished(120000))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}
} // namespace

class TestInferCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void modelsListsBundledModels() {
        const Run r = cli({QStringLiteral("models"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray models =
            QJsonDocument::fromJson(r.out).object().value(QStringLiteral("models")).toArray();
        QStringList names;
        for (const auto& m : models)
            names << m.toObject().value(QStringLiteral("name")).toString();
        QVERIFY2(names.contains(QStringLiteral("ecg-wave-unet")),
                 qPrintable(names.join(QLatin1Char(','))));
    }

    void segmentationModelRefusesAnotherModality() {
        // lv-seg-sunnybrook declares MR: an ultrasound clip is refused unless asked for.
        CARDIOLENS_REQUIRE_SHARED(echo, "imaging/echo/US-PAL-8-10x-echo.dcm");
        const QStringList args = {QStringLiteral("infer"),
                                  QStringLiteral("--model"),
                                  QStringLiteral("lv-seg-sunnybrook"),
                                  QStringLiteral("--single-pass"),
                                  echo,
                                  QStringLiteral("--json")};
        const Run refused = cli(args);
        if (refused.err.contains(QLatin1String("plugin is not available")))
            CARDIOLENS_SKIP_WITHOUT_TORCH(refused.err);
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(QLatin1String("US-PAL-8-10x-echo.dcm")) &&
                     refused.err.contains(QLatin1String("is for MR images; this is US")),
                 qPrintable(refused.err));
        const Run forced = cli(args + QStringList{QStringLiteral("--any-modality")});
        QVERIFY2(forced.exitCode == 0, qPrintable(forced.err));
        const QJsonObject r = QJsonDocument::fromJson(forced.out)
                                  .object()[QStringLiteral("results")]
                                  .toArray()[0]
                                  .toObject();
        QCOMPARE(r[QStringLiteral("items")].toInt(), 10); // One label frame per echo frame.
    }

    void rhythmModelWritesEpisodesAndWindowCourse() {
        CARDIOLENS_REQUIRE_SHARED(record, "ecg/cpsc2021/data_92_19.hea");
        const QString out = test::scratchDir() + QStringLiteral("/data_92_19.af");
        const Run r = cli({QStringLiteral("infer"), QStringLiteral("--model"),
                           QStringLiteral("rhythm-af"), QStringLiteral("--single-pass"), record,
                           QStringLiteral("--out"), out, QStringLiteral("--json")});
        if (r.err.contains(QLatin1String("plugin is not available")))
            CARDIOLENS_SKIP_WITHOUT_TORCH(r.err);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject res = QJsonDocument::fromJson(r.out)
                                    .object()[QStringLiteral("results")]
                                    .toArray()[0]
                                    .toObject();
        const QJsonObject windows = res[QStringLiteral("windows")].toObject();
        const QJsonArray starts = windows[QStringLiteral("start_s")].toArray();
        QCOMPARE(starts.size(), res[QStringLiteral("items")].toInt());
        QCOMPARE(windows[QStringLiteral("window_s")].toDouble(), 10.0);
        QCOMPARE(windows[QStringLiteral("probabilities")]
                     .toObject()[QStringLiteral("Atrial fibrillation")]
                     .toArray()
                     .size(),
                 starts.size());
        // The episodes are a readable WFDB annotation file: two AF runs, so >= 4 changes.
        // (`ann` reads annotators beside the record: put a copy of the record next to it.)
        const QString copy = test::scratchDir() + QStringLiteral("/data_92_19");
        for (const QString& ext : {QStringLiteral(".hea"), QStringLiteral(".dat")}) {
            QFile::remove(copy + ext);
            QVERIFY(QFile::copy(record.chopped(4) + ext, copy + ext));
        }
        const Run ann =
            cli({QStringLiteral("ann"), copy + QStringLiteral(".hea"),
                 QStringLiteral("--annotator"), QFileInfo(out).suffix(), QStringLiteral("--json")});
        QVERIFY2(ann.exitCode == 0, qPrintable(ann.err));
        int afib = 0;
        for (const QJsonValue& a :
             QJsonDocument::fromJson(ann.out).object()[QStringLiteral("annotations")].toArray())
            afib += a.toObject()[QStringLiteral("aux")].toString() == QLatin1String("(AFIB");
        QVERIFY2(afib == 2, qPrintable(QString::fromUtf8(ann.out.left(400))));
    }

    void beatModelIsScoredAgainstReferenceBeats() {
        // Record 100 is MIT-BIH DS2: no beat model was trained or tuned on this patient.
        CARDIOLENS_REQUIRE_SHARED(record, "ecg/mitdb/100.hea");
        const Run r =
            cli({QStringLiteral("infer"), QStringLiteral("--model"), QStringLiteral("beat-aami"),
                 QStringLiteral("--single-pass"), QStringLiteral("--beats"),
                 QStringLiteral("annotations"), QStringLiteral("--reference"),
                 QStringLiteral("atr"), record, QStringLiteral("--json")});
        if (r.err.contains(QLatin1String("plugin is not available")))
            CARDIOLENS_SKIP_WITHOUT_TORCH(r.err);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject doc = QJsonDocument::fromJson(r.out).object();
        // A bare name runs the newest version.
        QCOMPARE(doc[QStringLiteral("model")].toObject()[QStringLiteral("version")].toString(),
                 QStringLiteral("2.0.0"));
        const QJsonObject eval = doc[QStringLiteral("results")]
                                     .toArray()[0]
                                     .toObject()[QStringLiteral("evaluation")]
                                     .toObject();
        QCOMPARE(doc[QStringLiteral("evaluation_total")].toObject(), eval);
        const QJsonObject perClass = eval[QStringLiteral("per_class")].toObject();
        // 100.atr: N 2239, A 33 (S), V 1; beats taken from the annotations all pair up.
        QCOMPARE(perClass[QStringLiteral("N")].toObject()[QStringLiteral("reference")].toInt(),
                 2239);
        QCOMPARE(perClass[QStringLiteral("S")].toObject()[QStringLiteral("reference")].toInt(), 33);
        QCOMPARE(perClass[QStringLiteral("V")].toObject()[QStringLiteral("reference")].toInt(), 1);
        QCOMPARE(eval[QStringLiteral("missed")].toInt(), 0);
        QCOMPARE(eval[QStringLiteral("extra")].toInt(), 0);
        int sum = 0, diagonal = 0, row = 0;
        for (const QJsonValue& rowValue :
             eval[QStringLiteral("confusion_rows_reference_cols_predicted")].toArray()) {
            const QJsonArray cells = rowValue.toArray();
            for (int c = 0; c < cells.size(); ++c) {
                sum += cells[c].toInt();
                diagonal += c == row ? cells[c].toInt() : 0;
            }
            ++row;
        }
        QCOMPARE(sum, 2273);
        QCOMPARE(eval[QStringLiteral("accuracy")].toDouble(), double(diagonal) / sum);
        const double nSe =
            perClass[QStringLiteral("N")].toObject()[QStringLiteral("sensitivity")].toDouble();
        qInfo("beat-aami 2.0 on MIT-BIH 100 (unseen): accuracy %.4f, N Se %.4f, S Se %.4f",
              eval[QStringLiteral("accuracy")].toDouble(), nSe,
              perClass[QStringLiteral("S")].toObject()[QStringLiteral("sensitivity")].toDouble());
        QVERIFY2(nSe > 0.95, qPrintable(QString::number(nSe)));
    }

    void recordModelIsScoredAgainstReferenceCsv() {
        CARDIOLENS_REQUIRE_SHARED(csv, "ecg/cinc2017/REFERENCE.csv");
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QStringList inputs;
        QHash<QString, int> perLabel;
        while (!f.atEnd() && inputs.size() < 8) {
            const QStringList cells = QString::fromUtf8(f.readLine()).trimmed().split(u',');
            const QString hea =
                QFileInfo(csv).dir().filePath(cells.value(0) + QStringLiteral(".hea"));
            if (cells.size() == 2 && QFileInfo::exists(hea)) {
                inputs << hea;
                ++perLabel[cells[1]];
            }
        }
        QVERIFY(inputs.size() >= 2);
        const Run r =
            cli(QStringList{QStringLiteral("infer"), QStringLiteral("--model"),
                            QStringLiteral("rhythm-cinc2017"), QStringLiteral("--single-pass"),
                            QStringLiteral("--reference"), csv}
                << inputs << QStringLiteral("--json"));
        if (r.err.contains(QLatin1String("plugin is not available")))
            CARDIOLENS_SKIP_WITHOUT_TORCH(r.err);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject doc = QJsonDocument::fromJson(r.out).object();
        const QJsonObject total = doc[QStringLiteral("evaluation_total")].toObject();
        QCOMPARE(total[QStringLiteral("total")].toInt(), inputs.size());
        const QJsonObject perClass = total[QStringLiteral("per_class")].toObject();
        for (auto it = perLabel.begin(); it != perLabel.end(); ++it)
            QCOMPARE(perClass[it.key()].toObject()[QStringLiteral("reference")].toInt(),
                     it.value());
        int right = 0;
        for (const QJsonValue& v : doc[QStringLiteral("results")].toArray()) {
            const QJsonObject e = v.toObject()[QStringLiteral("evaluation")].toObject();
            QCOMPARE(e[QStringLiteral("total")].toInt(), 1);
            right += qRound(e[QStringLiteral("accuracy")].toDouble());
        }
        QCOMPARE(total[QStringLiteral("accuracy")].toDouble(), double(right) / inputs.size());
    }

    void badReferenceLabelsAreNamed() {
        CARDIOLENS_REQUIRE_SHARED(record, "ecg/cinc2017/A00001.hea");
        const QString csv = test::scratchDir() + QStringLiteral("/broken-reference.csv");
        QFile f(csv);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("A00001;N\n");
        f.close();
        const Run r = cli({QStringLiteral("infer"), QStringLiteral("--model"),
                           QStringLiteral("rhythm-cinc2017"), QStringLiteral("--reference"), csv,
                           record, QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(csv) && r.err.contains(QLatin1String("record,label")),
                 qPrintable(r.err));
    }

    void inferDelineatesRealRecordIntoAnnotationFile() {
        CARDIOLENS_REQUIRE_SHARED(record, "ecg/mitdb/100s.hea");
        CARDIOLENS_REQUIRE_SHARED(weights, "models/ecg-wave-unet/model.pt");
        const QString out = test::scratchDir() + QStringLiteral("/100s.wave");
        const Run r = cli({QStringLiteral("infer"), QStringLiteral("--model"),
                           QStringLiteral("ecg-wave-unet"), record, QStringLiteral("--out"), out,
                           QStringLiteral("--json")});
        if (r.exitCode != 0 && r.err.contains(QLatin1String("plugin is not available")))
            CARDIOLENS_SKIP_WITHOUT_TORCH(r.err);
        QCOMPARE(r.exitCode, 0);
        const QJsonObject result = QJsonDocument::fromJson(r.out)
                                       .object()
                                       .value(QStringLiteral("results"))
                                       .toArray()
                                       .at(0)
                                       .toObject();
        QCOMPARE(result.value(QStringLiteral("model")).toString(),
                 QStringLiteral("ecg-wave-unet@2023.1"));
        QVERIFY(result.value(QStringLiteral("annotations")).toInt() >
                3 * 70); // ~74 beats x 3 waves.
        const QJsonObject unc = result.value(QStringLiteral("uncertainty")).toObject();
        QCOMPARE(unc.value(QStringLiteral("method")).toString(), QStringLiteral("entropy"));
        QVERIFY(unc.value(QStringLiteral("score")).toDouble() >= 0);
        QVERIFY(unc.value(QStringLiteral("score")).toDouble() < 1);
        QVERIFY(QFileInfo(out).size() > 100);
        // The score is cached per model version: a second run with --reuse-scores skips the case.
        const Run again = cli({QStringLiteral("infer"), QStringLiteral("--model"),
                               QStringLiteral("ecg-wave-unet"), record,
                               QStringLiteral("--reuse-scores"), QStringLiteral("--json")});
        QCOMPARE(again.exitCode, 0);
        const QJsonObject cached = QJsonDocument::fromJson(again.out)
                                       .object()
                                       .value(QStringLiteral("results"))
                                       .toArray()
                                       .at(0)
                                       .toObject()
                                       .value(QStringLiteral("uncertainty"))
                                       .toObject();
        QVERIFY(cached.value(QStringLiteral("cached")).toBool());
        QCOMPARE(cached.value(QStringLiteral("score")).toDouble(),
                 unc.value(QStringLiteral("score")).toDouble());
        // The written annotator reads back through `ann` (annotator "wave" beside a copy of the
        // record's header).
        QVERIFY(QFile::copy(record, test::scratchDir() + QStringLiteral("/100s.hea")));
        QVERIFY(QFile::link(test::shared(QStringLiteral("ecg/mitdb/100s.dat")),
                            test::scratchDir() + QStringLiteral("/100s.dat")));
        const Run ann =
            cli({QStringLiteral("ann"), test::scratchDir() + QStringLiteral("/100s.hea"),
                 QStringLiteral("--annotator"), QStringLiteral("wave"), QStringLiteral("--json")});
        QVERIFY2(ann.exitCode == 0, qPrintable(ann.err));
        QVERIFY(ann.out.contains("model:ecg-wave-unet@2023.1"));
    }

    void inferSegmentsCineIntoNiftiWithInputGeometry() {
        CARDIOLENS_REQUIRE_SHARED(cine, "imaging/sunnybrook/dicoms/SCD0000301");
        const QString out = test::scratchDir() + QStringLiteral("/scd301-labels.nii.gz");
        const Run r =
            cli({QStringLiteral("infer"), QStringLiteral("--model"),
                 QStringLiteral("lv-seg-sunnybrook"), cine, QStringLiteral("--single-pass"),
                 QStringLiteral("--out"), out, QStringLiteral("--json")});
        if (r.exitCode != 0 && r.err.contains(QLatin1String("plugin is not available")))
            CARDIOLENS_SKIP_WITHOUT_TORCH(r.err);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject result = QJsonDocument::fromJson(r.out)
                                       .object()
                                       .value(QStringLiteral("results"))
                                       .toArray()
                                       .at(0)
                                       .toObject();
        QCOMPARE(result.value(QStringLiteral("items")).toInt(), 20);
        const Run in = cli({QStringLiteral("info"), cine, QStringLiteral("--json")});
        const Run labels = cli({QStringLiteral("info"), out, QStringLiteral("--json")});
        const QJsonObject a = QJsonDocument::fromJson(in.out).array().at(0).toObject();
        const QJsonObject b = QJsonDocument::fromJson(labels.out).array().at(0).toObject();
        for (const char* key : {"width", "height", "slices", "phases"})
            QCOMPARE(b.value(QLatin1String(key)).toInt(), a.value(QLatin1String(key)).toInt());
        // NIfTI stores spacing as float32.
        QVERIFY(std::abs(b.value(QStringLiteral("sliceSpacingMm")).toDouble() -
                         a.value(QStringLiteral("sliceSpacingMm")).toDouble()) < 1e-4);
        const QJsonArray oa = a.value(QStringLiteral("originMm")).toArray(),
                         ob = b.value(QStringLiteral("originMm")).toArray();
        QCOMPARE(ob.size(), 3);
        for (int i = 0; i < 3; ++i)
            QVERIFY(std::abs(oa[i].toDouble() - ob[i].toDouble()) < 1e-3);
    }

    void inferScoresSegmentationAgainstReference() {
        // --reference auto finds the held-out patient's expert contours; the JSON carries
        // per-label Dice and the clinical figures of the prediction.
        CARDIOLENS_REQUIRE_SHARED(cine, "imaging/sunnybrook/dicoms/SCD0000301");
        const QString out = test::scratchDir() + QStringLiteral("/scd301-ref-labels.nii.gz");
        const Run r =
            cli({QStringLiteral("infer"), QStringLiteral("--model"),
                 QStringLiteral("lv-seg-sunnybrook"), cine, QStringLiteral("--single-pass"),
                 QStringLiteral("--reference"), QStringLiteral("auto"), QStringLiteral("--out"),
                 out, QStringLiteral("--json")});
        if (r.exitCode != 0 && r.err.contains(QLatin1String("plugin is not available")))
            CARDIOLENS_SKIP_WITHOUT_TORCH(r.err);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        auto firstResult = [](const QByteArray& json) {
            return QJsonDocument::fromJson(json)
                .object()
                .value(QStringLiteral("results"))
                .toArray()
                .at(0)
                .toObject();
        };
        auto dice = [](const QJsonObject& result, const char* label) {
            return result.value(QStringLiteral("agreement"))
                .toObject()
                .value(QStringLiteral("labels"))
                .toObject()
                .value(QLatin1String(label))
                .toObject()
                .value(QStringLiteral("dice"))
                .toDouble(-1);
        };
        const QJsonObject result = firstResult(r.out);
        QVERIFY2(dice(result, "lv_blood_pool") >= 0.8, r.out.constData());
        QVERIFY(dice(result, "lv_myocardium") >= 0.5);
        const QJsonObject cm = result.value(QStringLiteral("cine_metrics")).toObject();
        // The prediction's figures against the experts' (`metrics` on the same case): EF
        // within 10 points (6 on the expert's slices, plus the basal / apical slices the whole
        // cine adds; tst_SegmentationQuality measures both), mass within 15 % (measured -5 %).
        const Run expert = cli({QStringLiteral("metrics"), cine, QStringLiteral("--json")});
        QVERIFY2(expert.exitCode == 0, qPrintable(expert.err));
        const double ef = cm.value(QStringLiteral("lv_ef_percent")).toDouble();
        const QJsonObject expertJson = QJsonDocument::fromJson(expert.out).object();
        const double expertEf = expertJson.value(QStringLiteral("lv_ef_percent")).toDouble();
        const double mass = cm.value(QStringLiteral("lv_mass_g")).toDouble();
        const double expertMass = expertJson.value(QStringLiteral("lv_mass_g")).toDouble();
        qInfo("predicted EF %.1f %%, mass %.1f g; experts' EF %.1f %%, mass %.1f g", ef, mass,
              expertEf, expertMass);
        QVERIFY(expertEf > 0.0 && expertMass > 0.0);
        QVERIFY(std::abs(ef - expertEf) < 10.0);
        QVERIFY(std::abs(mass - expertMass) < 0.15 * expertMass);

        // A label file on the image grid as the reference: the prediction against itself.
        const Run self =
            cli({QStringLiteral("infer"), QStringLiteral("--model"),
                 QStringLiteral("lv-seg-sunnybrook"), cine, QStringLiteral("--single-pass"),
                 QStringLiteral("--reference"), out, QStringLiteral("--json")});
        QVERIFY2(self.exitCode == 0, qPrintable(self.err));
        QCOMPARE(dice(firstResult(self.out), "lv_blood_pool"), 1.0);
        QCOMPARE(dice(firstResult(self.out), "lv_myocardium"), 1.0);

        // A reference that does not fit is reported in the JSON; the prediction still stands.
        const Run bad = cli({QStringLiteral("infer"), QStringLiteral("--model"),
                             QStringLiteral("lv-seg-sunnybrook"), cine,
                             QStringLiteral("--single-pass"), QStringLiteral("--reference"),
                             test::scratchDir() + QStringLiteral("/no-such-labels.nii.gz"),
                             QStringLiteral("--json")});
        QCOMPARE(bad.exitCode, 0);
        QVERIFY(firstResult(bad.out)
                    .value(QStringLiteral("agreement_error"))
                    .toString()
                    .contains(QLatin1String("no-such-labels.nii.gz")));
        const Run usage = cli({QStringLiteral("infer"), QStringLiteral("--model"),
                               QStringLiteral("lv-seg-sunnybrook"), cine,
                               QStringLiteral("--reference-convention"), QStringLiteral("xyz")});
        QCOMPARE(usage.exitCode, 2);
    }

    void addInstallsAValidModelAndRefusesABrokenOne() {
        CARDIOLENS_REQUIRE_SHARED(pt, "models/torch2x-export/unet_script.pt");
        const QString dir = test::writeModelFolder(
            QStringLiteral("my-unet"),
            R"({"name": "my-unet", "version": "2", "task": "segmentation-2d", "file": "model.pt",
            "input": {"dtype": "float32", "shape": [-1, 1, 64, 64], "size": [64, 64]},
            "output": {"activation": "softmax", "labels": [{"index": 0, "name": "bg"},
              {"index": 1, "name": "lv", "code": "lv_blood_pool"}, {"index": 2, "name": "myo", "code": "lv_myocardium"}]}})",
            {pt});
        QVERIFY(!dir.isEmpty());
        const Run r =
            cli({QStringLiteral("models"), QStringLiteral("--add"), dir, QStringLiteral("--json")});
        if (r.exitCode != 0 && r.err.contains(QLatin1String("plugin is not available")))
            CARDIOLENS_SKIP_WITHOUT_TORCH(r.err);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("my-unet@2"));
        QVERIFY(QFileInfo::exists(test::scratchDir() +
                                  QStringLiteral("/user-models/my-unet/model.pt")));
        // The attention model written by PyTorch 2.11 is refused, naming the operator.
        CARDIOLENS_REQUIRE_SHARED(attn, "models/torch2x-export/attn_script.pt");
        const QString bad = test::writeModelFolder(
            QStringLiteral("attn"),
            R"({"name": "attn", "version": "1", "task": "ecg-record-classification", "file": "model.pt",
            "input": {"dtype": "float32", "shape": [1, 5, 16], "leads": ["any"], "sampling_rate_hz": 100,
              "window_samples": 16},
            "output": {"activation": "softmax", "labels": [{"index": 0, "name": "a"}]}})",
            {attn});
        QVERIFY(!bad.isEmpty());
        const Run refused = cli({QStringLiteral("models"), QStringLiteral("--add"), bad});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(QLatin1String("attn@1")) &&
                     refused.err.contains(QLatin1String("aten::scaled_dot_product_attention")),
                 qPrintable(refused.err));
    }

    void badModelsAreRefusedClearly() {
        const Run unknown = cli({QStringLiteral("infer"), QStringLiteral("--model"),
                                 QStringLiteral("nope"), QStringLiteral("x.hea")});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY(unknown.err.contains(QLatin1String("no model named \"nope\"")));
        // A corrupt .pt with a valid manifest: named model, reason, no crash.
        const QString dir = test::writeModelFolder(
            QStringLiteral("corrupt"),
            R"({"name": "broken", "version": "0.1", "task": "ecg-record-classification",
            "file": "model.pt", "input": {"dtype": "float32", "shape": [-1, 1, 100],
            "leads": ["any"], "sampling_rate_hz": 100, "window_samples": 100},
            "output": {"activation": "softmax", "labels": [{"index": 0, "name": "a"}]}})",
            {{}, true});
        QVERIFY(!dir.isEmpty());
        CARDIOLENS_REQUIRE_SHARED(record, "ecg/mitdb/100s.hea");
        const Run r = cli({QStringLiteral("infer"), QStringLiteral("--model"), dir, record});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("broken@0.1")) &&
                     (r.err.contains(QLatin1String("cannot load")) ||
                      r.err.contains(QLatin1String("not available"))),
                 qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestInferCli)
#include "tst_InferCli.moc"
