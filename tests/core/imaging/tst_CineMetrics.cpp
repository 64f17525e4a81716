// Clinical metrics: exact counts on hand-made cines, accuracy on the analytic phantoms
// (volumes within 2 %, EF within 1 point), echo area-length and Simpson's discs.
#include "CardiacPhantom.h"
#include "EchoPhantom.h"
#include "imaging/CineMetrics.h"
#include "imaging/EchoVolumes.h"
#include "imaging/EdEsPhases.h"

#include <QJsonObject>
#include <QtTest>

#include <cmath>

using namespace cardiolens;
using namespace cardiolens::imaging;

namespace {
constexpr std::uint8_t kLv = labelValue(CardiacLabel::LvBloodPool);
constexpr std::uint8_t kMyo = labelValue(CardiacLabel::LvMyocardium);
constexpr std::uint8_t kRv = labelValue(CardiacLabel::RvBloodPool);

// A cine whose phase p holds lvCounts[p] LV voxels, 10 myocardium and rvCounts[p] RV voxels.
LabelCine countedCine(const std::vector<int>& lvCounts, const std::vector<int>& rvCounts) {
    LabelCine c;
    c.nx = 10;
    c.ny = 10;
    c.nz = 2;
    c.nt = int(lvCounts.size());
    c.spacing = {2.0, 2.5, 10.0}; // 50 mm^3 per voxel
    c.labels.assign(c.phaseSize() * std::size_t(c.nt), 0);
    for (int p = 0; p < c.nt; ++p) {
        std::uint8_t* d = c.phaseData(p);
        int i = 0;
        for (int k = 0; k < lvCounts[std::size_t(p)]; ++k)
            d[i++] = kLv;
        for (int k = 0; k < 10; ++k)
            d[i++] = kMyo;
        for (int k = 0; k < rvCounts[std::size_t(p)]; ++k)
            d[i++] = kRv;
    }
    return c;
}

double percentError(double measured, double truth) {
    return 100.0 * (measured - truth) / truth;
}
} // namespace

class TestCineMetrics : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void exactCounts() {
        const LabelCine c = countedCine({100, 80, 40, 60}, {90, 70, 30, 50});
        auto m = computeCineMetrics(c);
        QVERIFY(m.ok());
        QCOMPARE(m->edPhase, 0);
        QCOMPARE(m->esPhase, 2);
        QVERIFY(!m->phasesFromMetadata);
        QCOMPARE(m->lvEdvMl, 5.0); // 100 voxels x 50 mm^3
        QCOMPARE(m->lvEsvMl, 2.0);
        QCOMPARE(m->lvSvMl, 3.0);
        QCOMPARE(m->lvEfPercent, 60.0);
        QCOMPARE(m->myoEdVolumeMl, 0.5);
        QCOMPARE(m->lvMassG, 0.525);
        QVERIFY(m->hasRv);
        QCOMPARE(m->rvEdvMl, 4.5);
        QCOMPARE(m->rvEsvMl, 1.5);
        QVERIFY(std::abs(m->rvEfPercent - 100.0 * 3.0 / 4.5) < 1e-9);
        QVERIFY(!m->bsaM2);
        const QJsonObject json = m->toJson();
        for (const char* key : {"lv_edv_ml", "lv_esv_ml", "lv_sv_ml", "lv_ef_percent", "lv_mass_g",
                                "ed_phase", "es_phase", "rv_edv_ml", "rv_esv_ml", "rv_ef_percent"})
            QVERIFY2(json.contains(QLatin1String(key)), key);
        QCOMPARE(json.value(QStringLiteral("phase_volumes")).toArray().size(), 4);
    }

    void edEsIsLargestAndSmallestLvPool() {
        // ED need not be phase 0 (a retrospectively gated cine may start anywhere); phases
        // without a pool do not count; the earliest wins a tie.
        const std::vector<double> pool{0.0, 30.0, 80.0, 20.0, 80.0, 20.0, 0.0};
        const EdEsPhases p = edEsByLvSize(pool);
        QCOMPARE(p.ed, 2);
        QCOMPARE(p.es, 3);
        QVERIFY(!edEsByLvSize(std::vector<double>{0.0, 0.0}).isValid());
        QVERIFY(!edEsByLvSize({}).isValid());
    }

    void metadataPhasesAndBsa() {
        LabelCine c = countedCine({100, 40}, {0, 0});
        c.frameNumbers = {11, 3}; // ACDC-style: only two frames labelled
        CineMetricsOptions o;
        o.edFrame = 3; // metadata wins over volumes
        o.esFrame = 11;
        o.heightCm = 180.0;
        o.weightKg = 80.0;
        auto m = computeCineMetrics(c, o);
        QVERIFY(m.ok());
        QVERIFY(m->phasesFromMetadata);
        QCOMPARE(m->edFrame, 3);
        QCOMPARE(m->esFrame, 11);
        QCOMPARE(m->lvEdvMl, 2.0);
        QVERIFY(!m->hasRv);
        QVERIFY(!m->toJson().contains(QStringLiteral("rv_edv_ml")));
        QCOMPARE(*m->bsaM2, 2.0); // sqrt(180 x 80 / 3600)
        QCOMPARE(m->toJson().value(QStringLiteral("lv_edv_index_ml_m2")).toDouble(), 1.0);
        QCOMPARE(mostellerBsa(170.0, 65.0), std::sqrt(170.0 * 65.0 / 3600.0));
        // Frames the labels do not hold fall back to volumes, with a warning.
        o.edFrame = 7;
        m = computeCineMetrics(c, o);
        QVERIFY(m.ok());
        QCOMPARE(m->edFrame, 11);
        QVERIFY(!m->phasesFromMetadata);
        QCOMPARE(m->warnings.size(), 1);
        QVERIFY(m->warnings[0].contains(QLatin1String("ED frame 7")));
    }

    void unlabelledPhasesAreSkipped() {
        // M&Ms labels only ED and ES inside a 4-D file: empty phases are not "smallest".
        auto m = computeCineMetrics(countedCine({0, 100, 0, 0, 45, 0}, {0, 0, 0, 0, 0, 0}));
        QVERIFY(m.ok());
        QCOMPARE(m->edPhase, 1);
        QCOMPARE(m->esPhase, 4);
        // Metadata pointing at an unlabelled frame (an off-by-one) is not trusted.
        CineMetricsOptions o;
        o.edFrame = 2;
        o.esFrame = 5;
        m = computeCineMetrics(countedCine({0, 100, 0, 0, 45, 0}, {0, 0, 0, 0, 0, 0}), o);
        QVERIFY(m.ok());
        QCOMPARE(m->edPhase, 1);
        QCOMPARE(m->esPhase, 4);
        QCOMPARE(m->warnings.size(), 2);
    }

    void badInput() {
        LabelCine c = countedCine({0, 0}, {0, 0});
        QVERIFY(!computeCineMetrics(c).ok()); // no LV anywhere
        c = countedCine({10}, {0});
        c.spacing[2] = 0.0;
        QVERIFY(!computeCineMetrics(c).ok());
        c = countedCine({10}, {0});
        c.labels.pop_back();
        QVERIFY(!computeCineMetrics(c).ok());
    }

    void phantomAccuracy_data() {
        QTest::addColumn<double>("scale");
        QTest::addColumn<double>("sliceMm");
        QTest::newRow("adult, 8 mm slices") << 1.0 << 8.0;
        QTest::newRow("smaller heart, 6 mm slices") << 0.8 << 6.0;
        QTest::newRow("larger heart, 1.25 mm pixels") << 1.05 << 7.0;
    }
    void phantomAccuracy() {
        QFETCH(double, scale);
        QFETCH(double, sliceMm);
        tools::CardiacPhantomSpec spec;
        spec.scale = scale;
        spec.spacing[2] = sliceMm;
        spec.nz = int(std::ceil(110.0 * scale / sliceMm)) + 1;
        if (scale > 1.0) {
            spec.spacing[0] = spec.spacing[1] = 1.25;
            spec.nx = spec.ny = 160;
        }
        const tools::CardiacPhantom phantom(spec);
        auto m = computeCineMetrics(phantom.render());
        QVERIFY(m.ok());
        QCOMPARE(m->edPhase, spec.edPhase);
        QCOMPARE(m->esPhase, spec.esPhase);
        double worst = 0.0;
        for (int p = 0; p < spec.phases; ++p) {
            const auto& v = m->phaseVolumesMl[std::size_t(p)];
            const double e[3] = {percentError(v[kLv], phantom.lvVolumeMl(p)),
                                 percentError(v[kMyo], phantom.myocardiumVolumeMl(p)),
                                 percentError(v[kRv], phantom.rvVolumeMl(p))};
            for (double x : e) {
                QVERIFY2(std::abs(x) < 2.0,
                         qPrintable(QStringLiteral("phase %1: %2 %").arg(p).arg(x)));
                worst = std::max(worst, std::abs(x));
            }
        }
        const double ed = phantom.lvVolumeMl(spec.edPhase), es = phantom.lvVolumeMl(spec.esPhase);
        const double trueEf = 100.0 * (ed - es) / ed;
        const double rvEd = phantom.rvVolumeMl(spec.edPhase),
                     rvEs = phantom.rvVolumeMl(spec.esPhase);
        const double trueRvEf = 100.0 * (rvEd - rvEs) / rvEd;
        const double trueMass = 1.05 * phantom.myocardiumVolumeMl(spec.edPhase);
        QVERIFY(std::abs(m->lvEfPercent - trueEf) < 1.0);
        QVERIFY(std::abs(m->rvEfPercent - trueRvEf) < 1.0);
        QVERIFY(std::abs(percentError(m->lvMassG, trueMass)) < 2.0);
        qInfo("worst volume error %.2f %%; LV EF %.2f vs %.2f; RV EF %.2f vs %.2f; mass %.1f vs "
              "%.1f g",
              worst, m->lvEfPercent, trueEf, m->rvEfPercent, trueRvEf, m->lvMassG, trueMass);
    }

    void echoPhantom() {
        using tools::EchoPhantom;
        const auto sp = EchoPhantom::kSpacing;
        std::optional<EchoViewMeasure> views[2][2]; // [phase][4ch]
        for (int p = 0; p < 2; ++p) {
            for (int four = 0; four < 2; ++four) {
                const auto ph = EchoPhantom::phase(p);
                const Mask2D mask = EchoPhantom::render(ph, four == 1);
                auto v = measureEchoView(mask, sp, 1, std::uint8_t(3));
                QVERIFY(v.ok());
                views[p][four] = *v;
                // Long axis from the LV/LA interface to the apex.
                QVERIFY2(std::abs(v->lengthMm - ph.longAxisMm) < 0.6,
                         qPrintable(QString::number(v->lengthMm)));
                const double alError = percentError(
                    areaLengthVolumeMl(*v), EchoPhantom::singlePlaneVolumeMl(ph, four == 1));
                const double discError =
                    percentError(simpsonSinglePlaneVolumeMl(*v),
                                 EchoPhantom::singlePlaneVolumeMl(ph, four == 1));
                QVERIFY2(std::abs(alError) < 2.0, qPrintable(QString::number(alError)));
                QVERIFY2(std::abs(discError) < 2.0, qPrintable(QString::number(discError)));
                // Without the atrium the base comes from the cavity's shape alone.
                Mask2D lvOnly = mask;
                for (auto& x : lvOnly.values)
                    x = x == 3 ? 0 : x;
                auto fallback = measureEchoView(lvOnly, sp, 1);
                QVERIFY(fallback.ok());
                QVERIFY2(std::abs(fallback->lengthMm - ph.longAxisMm) < 1.5,
                         qPrintable(QString::number(fallback->lengthMm)));
            }
            const double biplane = simpsonBiplaneVolumeMl(*views[p][0], *views[p][1]);
            const double truth = EchoPhantom::volumeMl(EchoPhantom::phase(p));
            QVERIFY2(std::abs(percentError(biplane, truth)) < 2.0,
                     qPrintable(QStringLiteral("%1 vs %2").arg(biplane).arg(truth)));
        }
        EchoMetrics e;
        e.ed2ch = views[0][0];
        e.ed4ch = views[0][1];
        e.es2ch = views[1][0];
        e.es4ch = views[1][1];
        const QJsonObject json = e.toJson();
        const double trueEf = 100.0 * (1.0 - EchoPhantom::volumeMl(EchoPhantom::phase(1)) /
                                                 EchoPhantom::volumeMl(EchoPhantom::phase(0)));
        QCOMPARE(json.value(QStringLiteral("lv_volume_method")).toString(),
                 QStringLiteral("simpson_biplane"));
        QVERIFY(std::abs(json.value(QStringLiteral("lv_ef_percent")).toDouble() - trueEf) < 1.0);
        QVERIFY(json.contains(QStringLiteral("area_length_4ch_ef_percent")));
        qInfo("echo biplane EF %.2f vs %.2f",
              json.value(QStringLiteral("lv_ef_percent")).toDouble(), trueEf);
        // An empty view is an error, not a crash.
        QVERIFY(!measureEchoView(Mask2D(10, 10), sp, 1).ok());
    }
};

QTEST_GUILESS_MAIN(TestCineMetrics)
#include "tst_CineMetrics.moc"
