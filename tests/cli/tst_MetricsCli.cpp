// `cardiolens-cli metrics` and `bench imaging-metrics` as a user runs them, on cases the
// generator writes into a temporary folder (and the real Sunnybrook patient when present).
#include "CliRun.h"
#include "SunnybrookFigures.h"
#include "TestData.h"

#include "SyntheticDatasets.h"
#include "imaging/DatasetLayout.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace cardiolens;

using test::cli;
using test::Run;

class TestMetricsCli : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QList<tools::GeneratedCase> m_cases;

private Q_SLOTS:
    void initTestCase() {
        auto cases = tools::SyntheticDatasets::writeAll(m_dir.path());
        QVERIFY(cases.ok());
        m_cases = *cases;
    }

    void metricsOfEveryLayout() {
        for (const tools::GeneratedCase& c : m_cases) {
            const Run r = cli({QStringLiteral("metrics"), c.path, QStringLiteral("--json")});
            QVERIFY2(r.exitCode == 0, qPrintable(c.layout + QStringLiteral(": ") + r.err));
            QCOMPARE(r.json.value(QStringLiteral("dataset")).toString(), c.layout);
            for (const char* key :
                 {"lv_edv_ml", "lv_esv_ml", "lv_sv_ml", "lv_ef_percent", "ed_phase", "es_phase"})
                QVERIFY2(r.json.contains(QLatin1String(key)), key);
            QCOMPARE(r.json.value(QStringLiteral("ed_phase")).toInt(), c.edFrame);
            QCOMPARE(r.json.value(QStringLiteral("es_phase")).toInt(), c.esFrame);
            QVERIFY(std::abs(r.json.value(QStringLiteral("lv_ef_percent")).toDouble() -
                             c.lvEfPercent) < 2.0);
            if (c.rvEdvMl > 0) {
                QVERIFY(r.json.contains(QStringLiteral("lv_mass_g")));
                QVERIFY(r.json.contains(QStringLiteral("rv_edv_ml")));
                QVERIFY(r.json.contains(QStringLiteral("rv_esv_ml")));
                QVERIFY(r.json.contains(QStringLiteral("rv_ef_percent")));
            }
        }
    }

    void infoNamesTheLayout() {
        for (const tools::GeneratedCase& c : m_cases) {
            QProcess p;
            p.start(QStringLiteral(CARDIOLENS_CLI_PATH),
                    {QStringLiteral("info"), c.path, QStringLiteral("--json")});
            QVERIFY(p.waitForFinished(60000));
            QCOMPARE(p.exitCode(), 0);
            const QJsonArray out = QJsonDocument::fromJson(p.readAllStandardOutput()).array();
            QCOMPARE(out.size(), 1);
            QCOMPARE(out[0].toObject().value(QStringLiteral("layout")).toString(), c.layout);
        }
    }

    void imageLabelPair() {
        const tools::GeneratedCase& acdc = m_cases.first();
        const QString labels =
            QDir(acdc.path).filePath(QStringLiteral("patient001_frame01_gt.nii.gz"));
        const Run r = cli({QStringLiteral("metrics"), QStringLiteral("--image"),
                           QDir(acdc.path).filePath(QStringLiteral("patient001_frame01.nii.gz")),
                           QStringLiteral("--labels"), labels, QStringLiteral("--convention"),
                           QStringLiteral("acdc"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        // One labelled frame: ED and ES coincide, EF is 0.
        QVERIFY(std::abs(r.json.value(QStringLiteral("lv_edv_ml")).toDouble() - acdc.lvEdvMl) <
                0.02 * acdc.lvEdvMl);
        QCOMPARE(r.json.value(QStringLiteral("lv_ef_percent")).toDouble(), 0.0);
        QVERIFY(r.json.contains(QStringLiteral("rv_edv_ml")));
    }

    void overridesForACase() {
        const tools::GeneratedCase& acdc = m_cases.first();
        const Run r =
            cli({QStringLiteral("metrics"), acdc.path, QStringLiteral("--height"),
                 QStringLiteral("180"), QStringLiteral("--weight"), QStringLiteral("80")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json.value(QStringLiteral("bsa_m2")).toDouble(), 2.0);
    }

    void sunnybrookPatient() {
        CARDIOLENS_REQUIRE_SHARED(folder, "imaging/sunnybrook/dicoms/SCD0000101");
        const Run r = cli({QStringLiteral("metrics"), folder, QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json.value(QStringLiteral("dataset")).toString(), QStringLiteral("sunnybrook"));
        // Against the expert polygons' own figures (shoelace areas, header spacings): the
        // CLI rasterises them, which moves the mass by ~0.1 % (1 % allowed).
        auto c = imaging::DatasetLayout::open(folder);
        QVERIFY(c.ok());
        const test::ContourFigures expert = test::contourFigures(*c, folder);
        const double mass = r.json.value(QStringLiteral("lv_mass_g")).toDouble();
        qInfo("mass %.1f g, from the polygons %.1f g", mass, expert.massG);
        QVERIFY(expert.massG > 0.0);
        QVERIFY2(std::abs(mass - expert.massG) < 0.01 * expert.massG,
                 qPrintable(QString::number(mass)));
        QVERIFY(std::abs(r.json.value(QStringLiteral("lv_ef_percent")).toDouble() -
                         expert.efPercent) < 0.5);
        QVERIFY(!r.json.contains(QStringLiteral("rv_edv_ml")));
    }

    void generatorExecutable() {
        QTemporaryDir dir;
        QProcess p;
        p.start(QStringLiteral(CARDIOLENS_MAKE_DATASETS_PATH),
                {dir.path(), QStringLiteral("acdc")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const QJsonArray out = QJsonDocument::fromJson(p.readAllStandardOutput()).array();
        QCOMPARE(out.size(), 1);
        const QJsonObject acdc = out[0].toObject();
        QCOMPARE(acdc.value(QStringLiteral("layout")).toString(), QStringLiteral("acdc"));
        for (const char* name : {"Info.cfg", "patient001_4d.nii.gz", "patient001_frame01.nii.gz",
                                 "patient001_frame01_gt.nii.gz", "patient001_frame06.nii.gz",
                                 "patient001_frame06_gt.nii.gz"})
            QVERIFY2(
                QFileInfo::exists(
                    QDir(dir.path()).filePath(QStringLiteral("patient001/") + QLatin1String(name))),
                name);
        // Its printed truth matches what the metrics command measures.
        const Run r =
            cli({QStringLiteral("metrics"), acdc.value(QStringLiteral("path")).toString()});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(std::abs(r.json.value(QStringLiteral("lv_ef_percent")).toDouble() -
                         acdc.value(QStringLiteral("lv_ef_percent")).toDouble()) < 1.0);
        p.start(QStringLiteral(CARDIOLENS_MAKE_DATASETS_PATH),
                {dir.path(), QStringLiteral("nonsense")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 2);
    }

    void errors() {
        QCOMPARE(cli({QStringLiteral("metrics")}).exitCode, 2);
        QCOMPARE(cli({QStringLiteral("metrics"), QStringLiteral("--convention"),
                      QStringLiteral("x"), QStringLiteral("--labels"), QStringLiteral("y")})
                     .exitCode,
                 2);
        const Run r = cli({QStringLiteral("metrics"), m_dir.path()});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains(m_dir.path()));
    }

    void bench() {
        const Run r = cli(
            {QStringLiteral("bench"), QStringLiteral("imaging-metrics"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.json.value(QStringLiteral("metrics_median_ms")).toDouble() > 0.0);
    }
};

QTEST_GUILESS_MAIN(TestMetricsCli)
#include "tst_MetricsCli.moc"
