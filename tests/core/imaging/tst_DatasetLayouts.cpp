// Every dataset layout is recognised and yields metrics: generated ACDC, M&Ms, CAMUS and
// EchoNet-Dynamic cases (analytic truth), the real Sunnybrook patients, and bad input.
#include "TestData.h"

#include "SunnybrookFigures.h"
#include "SyntheticDatasets.h"
#include "imaging/DatasetLayout.h"
#include "imaging/LabelledCaseLoader.h"
#include "imaging/VideoReader.h"

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <map>

using namespace cardiolens;
using namespace cardiolens::imaging;

namespace {
double percentError(double measured, double truth) {
    return 100.0 * (measured - truth) / truth;
}

QString describe(const Error& e) {
    return e.describe();
}
} // namespace

class TestDatasetLayouts : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QList<tools::GeneratedCase> m_cases;

    const tools::GeneratedCase& generated(const char* layout) {
        for (const auto& c : m_cases)
            if (c.layout == QLatin1String(layout))
                return c;
        qFatal("layout %s was not generated", layout);
    }

    void checkCine(const tools::GeneratedCase& truth, const CaseMetrics& m) {
        QVERIFY(m.cine.has_value());
        const CineMetrics& c = *m.cine;
        QCOMPARE(c.edFrame, truth.edFrame);
        QCOMPARE(c.esFrame, truth.esFrame);
        QVERIFY(c.phasesFromMetadata);
        QVERIFY2(std::abs(percentError(c.lvEdvMl, truth.lvEdvMl)) < 2.0,
                 qPrintable(QString::number(c.lvEdvMl)));
        QVERIFY2(std::abs(percentError(c.lvEsvMl, truth.lvEsvMl)) < 2.0,
                 qPrintable(QString::number(c.lvEsvMl)));
        QVERIFY(std::abs(c.lvEfPercent - truth.lvEfPercent) < 1.0);
        QVERIFY(std::abs(percentError(c.lvMassG, truth.lvMassG)) < 2.0);
        QVERIFY(c.hasRv);
        QVERIFY(std::abs(percentError(c.rvEdvMl, truth.rvEdvMl)) < 2.0);
        QVERIFY(std::abs(c.rvEfPercent - truth.rvEfPercent) < 1.0);
        QVERIFY(c.bsaM2.has_value());
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        auto cases = tools::SyntheticDatasets::writeAll(m_dir.path());
        if (!cases)
            QFAIL(qPrintable(describe(cases.error())));
        m_cases = *cases;
        QCOMPARE(m_cases.size(), 5);
    }

    void detectFromFolderOrFile_data() {
        QTest::addColumn<QString>("relative");
        QTest::addColumn<int>("kind");
        QTest::newRow("ACDC folder") << "ACDC/patient001" << int(DatasetKind::Acdc);
        QTest::newRow("ACDC label file")
            << "ACDC/patient001/patient001_frame06_gt.nii.gz" << int(DatasetKind::Acdc);
        QTest::newRow("ACDC Info.cfg") << "ACDC/patient001/Info.cfg" << int(DatasetKind::Acdc);
        QTest::newRow("M&Ms folder") << "MnMs/Training/Labeled/A1D0Q7" << int(DatasetKind::Mnms);
        QTest::newRow("M&Ms image")
            << "MnMs/Training/Labeled/A1D0Q7/A1D0Q7_sa.nii.gz" << int(DatasetKind::Mnms);
        QTest::newRow("CAMUS folder") << "CAMUS/patient0001" << int(DatasetKind::Camus);
        QTest::newRow("CAMUS half sequence")
            << "CAMUS/patient0001/patient0001_4CH_half_sequence.nii.gz" << int(DatasetKind::Camus);
        QTest::newRow("EchoNet root") << "EchoNet-Dynamic" << int(DatasetKind::EchoNet);
        QTest::newRow("EchoNet video")
            << "EchoNet-Dynamic/Videos/0X1A2B3C4D5E6F7081.avi" << int(DatasetKind::EchoNet);
    }
    void detectFromFolderOrFile() {
        QFETCH(QString, relative);
        QFETCH(int, kind);
        const auto detected = DatasetLayout::detect(QDir(m_dir.path()).filePath(relative));
        QVERIFY(detected.has_value());
        QCOMPARE(int(*detected), kind);
    }

    void listCases() {
        const auto entries = DatasetLayout::listCases(m_dir.path());
        QStringList found;
        for (const auto& e : entries)
            found << datasetKindName(e.kind) + QLatin1Char(':') + QFileInfo(e.path).fileName();
        const QStringList expected{
            QStringLiteral("acdc:patient001"), QStringLiteral("camus:patient0001"),
            QStringLiteral("camus:patient0002"), QStringLiteral("echonet:0X1A2B3C4D5E6F7081.avi"),
            QStringLiteral("mnms:A1D0Q7")};
        QCOMPARE(found, expected);
        for (const auto& e : entries)
            QVERIFY2(LabelledCaseLoader::metrics(e.path).ok(), qPrintable(e.path));
        // A case folder lists itself; a missing folder nothing.
        QCOMPARE(int(DatasetLayout::listCases(generated("acdc").path).size()), 1);
        QVERIFY(
            DatasetLayout::listCases(QDir(m_dir.path()).filePath(QStringLiteral("none"))).empty());
        const QString sunnybrook = test::shared(QStringLiteral("imaging/sunnybrook"));
        if (!sunnybrook.isEmpty())
            QCOMPARE(int(DatasetLayout::listCases(sunnybrook).size()), 3);
    }

    void acdc() {
        const auto& truth = generated("acdc");
        auto c = DatasetLayout::open(truth.path);
        if (!c)
            QFAIL(qPrintable(describe(c.error())));
        QCOMPARE(c->caseId, QStringLiteral("patient001"));
        QCOMPARE(c->convention, LabelConvention::Acdc);
        QCOMPARE(*c->edFrame, truth.edFrame); // Info.cfg ED: 1 -> frame 0
        QCOMPARE(*c->frameCount, 12);
        QCOMPARE(c->group, QStringLiteral("NOR"));
        QCOMPARE(*c->heightCm, 178.0);
        QVERIFY(c->cineImage.endsWith(QLatin1String("patient001_4d.nii.gz")));
        QCOMPARE(int(c->frames.size()), 2);
        QCOMPARE(c->frames[1].phase, QStringLiteral("ES"));
        auto m = LabelledCaseLoader::metrics(*c);
        if (!m)
            QFAIL(qPrintable(describe(m.error())));
        checkCine(truth, *m);
        const QJsonObject json = m->toJson();
        QCOMPARE(json.value(QStringLiteral("dataset")).toString(), QStringLiteral("acdc"));
        QVERIFY(json.contains(QStringLiteral("lv_mass_index_g_m2")));
    }

    void mnms() {
        const auto& truth = generated("mnms");
        auto m = LabelledCaseLoader::metrics(truth.path);
        if (!m)
            QFAIL(qPrintable(describe(m.error())));
        QCOMPARE(m->datasetCase->caseId, QStringLiteral("A1D0Q7"));
        QCOMPARE(m->datasetCase->info.value(QStringLiteral("VendorName")),
                 QStringLiteral("Siemens"));
        QCOMPARE(m->datasetCase->group, QStringLiteral("NOR"));
        checkCine(truth, *m);
        // The same labels as an --image/--labels pair with the M&Ms convention.
        CineMetricsOptions o;
        o.edFrame = truth.edFrame;
        o.esFrame = truth.esFrame;
        auto pair = LabelledCaseLoader::metricsForPair(
            m->datasetCase->cineImage, m->datasetCase->cineLabels, LabelConvention::Mnms, o);
        if (!pair)
            QFAIL(qPrintable(describe(pair.error())));
        QCOMPARE(pair->cine->lvEdvMl, m->cine->lvEdvMl);
        // Read with the wrong convention, LV and RV swap.
        auto wrong = LabelledCaseLoader::metricsForPair({}, m->datasetCase->cineLabels,
                                                        LabelConvention::Acdc, o);
        QVERIFY(wrong.ok());
        QCOMPARE(wrong->cine->rvEdvMl, m->cine->lvEdvMl);
    }

    void camus() {
        const auto& truth = generated("camus");
        auto m = LabelledCaseLoader::metrics(truth.path);
        if (!m)
            QFAIL(qPrintable(describe(m.error())));
        const DatasetCase& c = *m->datasetCase;
        QCOMPARE(int(c.views.size()), 2);
        QCOMPARE(*c.views[0].esFrame, 9);
        QVERIFY(c.views[1].sequence.endsWith(QLatin1String("_4CH_half_sequence.nii.gz")));
        QVERIFY(c.views[1].sequenceLabels.endsWith(QLatin1String("_4CH_half_sequence_gt.nii.gz")));
        QCOMPARE(c.views[1].info.value(QStringLiteral("ImageQuality")), QStringLiteral("Good"));
        const QJsonObject json = m->toJson();
        QCOMPARE(json.value(QStringLiteral("lv_volume_method")).toString(),
                 QStringLiteral("simpson_biplane"));
        QVERIFY(std::abs(percentError(json.value(QStringLiteral("lv_edv_ml")).toDouble(),
                                      truth.lvEdvMl)) < 2.0);
        QVERIFY(std::abs(percentError(json.value(QStringLiteral("lv_esv_ml")).toDouble(),
                                      truth.lvEsvMl)) < 2.0);
        QVERIFY(std::abs(json.value(QStringLiteral("lv_ef_percent")).toDouble() -
                         truth.lvEfPercent) < 1.0);
        QCOMPARE(json.value(QStringLiteral("es_phase")).toInt(), 9);
        // The half sequence runs from ED to ES: its volume curve falls from EDV to ESV.
        const QJsonArray curve = json.value(QStringLiteral("sequence_biplane_ml")).toArray();
        QCOMPARE(curve.size(), 10);
        for (int i = 1; i < curve.size(); ++i)
            QVERIFY(curve[i].toDouble() < curve[i - 1].toDouble());
        QVERIFY(std::abs(percentError(curve.first().toDouble(), truth.lvEdvMl)) < 2.0);
        QVERIFY(std::abs(percentError(curve.last().toDouble(), truth.lvEsvMl)) < 2.0);
    }

    void camusMetaImage() {
        // The first CAMUS release: .mhd + .raw, _sequence without labels.
        const auto& truth = m_cases[3];
        QVERIFY(truth.path.endsWith(QLatin1String("patient0002")));
        auto m = LabelledCaseLoader::metrics(
            QDir(truth.path).filePath(QStringLiteral("patient0002_4CH_ES_gt.mhd")));
        if (!m)
            QFAIL(qPrintable(describe(m.error())));
        const DatasetCase& c = *m->datasetCase;
        QVERIFY(c.views[0].sequence.endsWith(QLatin1String("_2CH_sequence.mhd")));
        QVERIFY(c.views[0].sequenceLabels.isEmpty());
        QCOMPARE(c.views[0].info.value(QStringLiteral("LVef")), QStringLiteral("56.88"));
        const QJsonObject json = m->toJson();
        QVERIFY(std::abs(json.value(QStringLiteral("lv_ef_percent")).toDouble() -
                         truth.lvEfPercent) < 1.0);
        QVERIFY(std::abs(percentError(json.value(QStringLiteral("lv_edv_ml")).toDouble(),
                                      truth.lvEdvMl)) < 2.0);
    }

    void echoNet() {
        const auto& truth = generated("echonet");
        auto c = DatasetLayout::open(truth.path);
        if (!c)
            QFAIL(qPrintable(describe(c.error())));
        QCOMPARE(c->caseId, QStringLiteral("0X1A2B3C4D5E6F7081"));
        QCOMPARE(int(c->tracings.size()), 2);
        QCOMPARE(int(c->tracings[0].outline.size()), 40); // 20 chords, two ends each
        QCOMPARE(*c->edFrame, truth.edFrame);
        QCOMPARE(*c->esFrame, truth.esFrame);
        QCOMPARE(*c->frameCount, 48);
        // The apex is the top end of the long axis in this view.
        QVERIFY(c->tracings[0].axis.apex.y < c->tracings[0].axis.base.y);
        // The generated video opens with the project's FFmpeg reader.
        auto video = VideoReader::read(c->cineImage);
        if (!video)
            QFAIL(qPrintable(describe(video.error())));
        QCOMPARE(video->width(), 112);
        QCOMPARE(video->height(), 112);
        QCOMPARE(video->phases(), 48);
        auto m = LabelledCaseLoader::metrics(*c);
        if (!m)
            QFAIL(qPrintable(describe(m.error())));
        QVERIFY(!m->calibrated);
        const QJsonObject json = m->toJson();
        // Chord outlines stop short of apex and base: a few percent low, EF close.
        QVERIFY(std::abs(percentError(json.value(QStringLiteral("lv_edv_ml")).toDouble(),
                                      truth.lvEdvMl)) < 8.0);
        QVERIFY(std::abs(json.value(QStringLiteral("lv_ef_percent")).toDouble() -
                         truth.lvEfPercent) < 2.0);
    }

    void sunnybrook_data() {
        QTest::addColumn<QString>("patient");
        QTest::addColumn<int>("contours");
        QTest::newRow("SCD0000101") << "SCD0000101" << 27;
        QTest::newRow("SCD0000201") << "SCD0000201" << 0;
        QTest::newRow("SCD0000301") << "SCD0000301" << 0;
    }
    void sunnybrook() {
        QFETCH(QString, patient);
        QFETCH(int, contours);
        const QString folder = test::shared(QStringLiteral("imaging/sunnybrook/dicoms/") + patient);
        if (folder.isEmpty())
            QSKIP("shared Sunnybrook data not available");
        QCOMPARE(int(*DatasetLayout::detect(folder)), int(DatasetKind::Sunnybrook));
        auto m = LabelledCaseLoader::metrics(folder);
        if (!m)
            QFAIL(qPrintable(describe(m.error())));
        const DatasetCase& c = *m->datasetCase;
        QCOMPARE(c.caseId, patient);
        if (contours > 0)
            QCOMPARE(int(c.contours.size()), contours);
        const CineMetrics& cm = *m->cine;
        const test::ContourFigures expert = test::contourFigures(c, folder);
        QVERIFY(expert.edvMl > 0.0);
        qInfo("%s from the contour polygons: EDV %.1f ml, ESV %.1f ml, EF %.1f %%, mass %.1f g "
              "(%.4f mm pixels, %.2f mm slices)",
              qPrintable(patient), expert.edvMl, expert.esvMl, expert.efPercent, expert.massG,
              expert.pixelMm, expert.sliceMm);
        // Rasterised contours against their exact polygon areas: the border pixels make a
        // difference of up to 0.3 % here (1 % allowed; EF within 0.5 points). A slice or pixel
        // spacing off by any real factor is off by far more.
        QVERIFY2(std::abs(percentError(cm.lvEdvMl, expert.edvMl)) < 1.0,
                 qPrintable(QString::number(cm.lvEdvMl)));
        QVERIFY2(std::abs(percentError(cm.lvEsvMl, expert.esvMl)) < 1.0,
                 qPrintable(QString::number(cm.lvEsvMl)));
        QVERIFY2(std::abs(cm.lvEfPercent - expert.efPercent) < 0.5,
                 qPrintable(QString::number(cm.lvEfPercent)));
        QVERIFY(expert.massG > 0.0);
        QVERIFY2(std::abs(percentError(cm.lvMassG, expert.massG)) < 1.0,
                 qPrintable(QString::number(cm.lvMassG)));
        QVERIFY(!cm.hasRv);
        QCOMPARE(int(cm.phaseVolumesMl.size()), 2);
        qInfo("%s: EDV %.1f ml, ESV %.1f ml, EF %.1f %%, mass %.1f g, ED frame %d, ES frame %d",
              qPrintable(patient), cm.lvEdvMl, cm.lvEsvMl, cm.lvEfPercent, cm.lvMassG, cm.edFrame,
              cm.esFrame);
    }

    void sunnybrookFromContourFile() {
        const QString file =
            test::shared(QStringLiteral("imaging/sunnybrook/contourfiles/SC-HF-I-1/i-contours/"
                                        "IM-0001-0048-icontour-manual.txt"));
        if (file.isEmpty())
            QSKIP("shared Sunnybrook data not available");
        auto c = DatasetLayout::open(file);
        QVERIFY(c.ok());
        QCOMPARE(c->caseId, QStringLiteral("SCD0000101"));
        QVERIFY(c->contours.front().dicom.endsWith(QLatin1String("SCD0000101/48.dcm")));
    }

    void mutatedTextFilesNeverCrash() {
        // Truncations and byte flips of every layout's text files: open and measure must
        // answer (a value or an error), never crash or hang.
        QTemporaryDir dir;
        auto cases = tools::SyntheticDatasets::writeAll(dir.path());
        QVERIFY(cases.ok());
        const QStringList texts{
            QStringLiteral("ACDC/patient001/Info.cfg"),
            QStringLiteral("MnMs/211230_M&Ms_Dataset_information_diagnosis_opendataset.csv"),
            QStringLiteral("CAMUS/patient0001/Info_4CH.cfg"),
            QStringLiteral("EchoNet-Dynamic/VolumeTracings.csv"),
            QStringLiteral("EchoNet-Dynamic/FileList.csv")};
        const QStringList cases_{
            QStringLiteral("ACDC/patient001"), QStringLiteral("MnMs/Training/Labeled/A1D0Q7"),
            QStringLiteral("CAMUS/patient0001"), QStringLiteral("EchoNet-Dynamic"),
            QStringLiteral("EchoNet-Dynamic")};
        quint32 seed = 12345;
        auto next = [&seed]() {
            seed = seed * 1664525u + 1013904223u;
            return seed >> 8;
        };
        int values = 0, errors = 0;
        for (int k = 0; k < texts.size(); ++k) {
            const QString path = QDir(dir.path()).filePath(texts[k]);
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray original = f.readAll();
            f.close();
            for (int round = 0; round < 25; ++round) {
                QByteArray bytes = original;
                if (round % 3 == 0)
                    bytes.truncate(int(next() % quint32(bytes.size() + 1)));
                else
                    for (int flips = 0; flips < 1 + round % 4; ++flips)
                        bytes[int(next() % quint32(bytes.size()))] = char(next() & 0xFF);
                QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
                f.write(bytes);
                f.close();
                auto m = LabelledCaseLoader::metrics(QDir(dir.path()).filePath(cases_[k]));
                (m.ok() ? values : errors) += 1;
            }
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(original);
            f.close();
            // Restored, the case measures again.
            QVERIFY(LabelledCaseLoader::metrics(QDir(dir.path()).filePath(cases_[k])).ok());
        }
        QCOMPARE(values + errors, 125);
        qInfo("125 mutated files: %d measured, %d refused with an error", values, errors);
    }

    void badInput() {
        QTemporaryDir dir;
        const QString root = dir.path();
        QVERIFY(!DatasetLayout::detect(root).has_value());
        // A video outside an EchoNet release is just a video.
        const QString lone = QDir(root).filePath(QStringLiteral("clip.avi"));
        QVERIFY(QFile::copy(generated("echonet").path, lone));
        QVERIFY(!DatasetLayout::detect(lone).has_value());
        QVERIFY(!DatasetLayout::open(root).ok());
        QVERIFY(!DatasetLayout::open(QDir(root).filePath(QStringLiteral("missing"))).ok());
        // An ACDC case whose label file is truncated: an error naming the file.
        const auto& truth = generated("acdc");
        const QString acdc = QDir(root).filePath(QStringLiteral("patient002"));
        QDir().mkpath(acdc);
        QFile::copy(QDir(truth.path).filePath(QStringLiteral("Info.cfg")),
                    QDir(acdc).filePath(QStringLiteral("Info.cfg")));
        QFile src(QDir(truth.path).filePath(QStringLiteral("patient001_frame01_gt.nii.gz")));
        QVERIFY(src.open(QIODevice::ReadOnly));
        const QByteArray bytes = src.readAll();
        QFile cut(QDir(acdc).filePath(QStringLiteral("patient002_frame01_gt.nii.gz")));
        QVERIFY(cut.open(QIODevice::WriteOnly));
        cut.write(bytes.left(bytes.size() / 3));
        cut.close();
        QFile::copy(QDir(truth.path).filePath(QStringLiteral("patient001_frame01.nii.gz")),
                    QDir(acdc).filePath(QStringLiteral("patient002_frame01.nii.gz")));
        auto m = LabelledCaseLoader::metrics(acdc);
        QVERIFY(!m.ok());
        QVERIFY2(m.error().describe().contains(QLatin1String("frame01_gt")),
                 qPrintable(m.error().describe()));
        // Garbage Info.cfg and no labels at all.
        const QString other = QDir(root).filePath(QStringLiteral("patient003"));
        QDir().mkpath(other);
        QFile cfg(QDir(other).filePath(QStringLiteral("Info.cfg")));
        QVERIFY(cfg.open(QIODevice::WriteOnly));
        cfg.write("\x01\x02 not a config\n");
        cfg.close();
        QVERIFY(!LabelledCaseLoader::metrics(other).ok());
        // A label grid that does not match its image.
        const auto& mnms = generated("mnms");
        auto pair = LabelledCaseLoader::metricsForPair(
            QDir(truth.path).filePath(QStringLiteral("patient001_frame01.nii.gz")),
            QDir(mnms.path).filePath(QStringLiteral("A1D0Q7_sa_gt.nii.gz")), LabelConvention::Mnms);
        QVERIFY(!pair.ok());
        // EchoNet tracings with a malformed row.
        const QString echo = QDir(root).filePath(QStringLiteral("echo"));
        QDir().mkpath(echo);
        QFile t(QDir(echo).filePath(QStringLiteral("VolumeTracings.csv")));
        QVERIFY(t.open(QIODevice::WriteOnly));
        t.write("FileName,X1,Y1,X2,Y2,Frame\nA.avi,1,2,3,x,5\n");
        t.close();
        QVERIFY(!LabelledCaseLoader::metrics(echo).ok());
        QVERIFY(t.open(QIODevice::WriteOnly | QIODevice::Truncate));
        t.write(
            "FileName,X1,Y1,X2,Y2,Frame\nA.avi,1,2,3,nan,5\nA.avi,1,2,3,4,5\nA.avi,1,2,3,4,5\n");
        t.close();
        QVERIFY(!LabelledCaseLoader::metrics(echo).ok());
    }
};

QTEST_GUILESS_MAIN(TestDatasetLayouts)
#include "tst_DatasetLayouts.moc"
