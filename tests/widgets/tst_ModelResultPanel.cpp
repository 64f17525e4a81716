// The probability panel on hand-made results: rows, bars (pixels), thresholds, the window
// plot and its click-to-jump, beat counts, label volumes and the uncertainty rank.
#include "imaging/CardiacLabel.h"
#include "inference/ModelResultPanel.h"
#include "inference/ProbabilityBarDelegate.h"
#include "plot/QCustomPlotInclude.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTableWidget>
#include <QtTest>

using namespace cardiolens;
using namespace cardiolens::inference;
using widgets::ModelResultPanel;
using widgets::ProbabilityBarDelegate;

namespace {
InferenceResult rhythmResult() {
    InferenceResult r;
    r.modelId = QStringLiteral("rhythm-af@1.0.0");
    r.casePath = QStringLiteral("/data/a.hea");
    r.task = QStringLiteral("ecg-record-classification");
    r.classProbabilities = {{QStringLiteral("Atrial fibrillation"), 0.75},
                            {QStringLiteral("Other rhythm"), 0.25}};
    r.predictedLabel = QStringLiteral("Atrial fibrillation");
    r.items = 20;
    r.uncertainty = 0.4;
    r.uncertaintyMethod = QStringLiteral("entropy");
    r.details[QStringLiteral("above_threshold")] =
        QJsonArray{QStringLiteral("Atrial fibrillation")};
    r.details[QStringLiteral("thresholds")] =
        QJsonObject{{QStringLiteral("Atrial fibrillation"), 0.5}};
    r.windows.windowSeconds = 10;
    r.windows.perClass.resize(2);
    for (int i = 0; i < 20; ++i) {
        r.windows.startSeconds.push_back(5.0 * i);
        r.windows.perClass[0].push_back(i < 5 ? 0.1f : 0.95f);
        r.windows.perClass[1].push_back(i < 5 ? 0.9f : 0.05f);
    }
    return r;
}

// Fraction of the bar cell's inner width painted in \a colour.
double paintedFraction(QTableWidget* table, int row, const QColor& colour) {
    const QRect cell = table->visualRect(table->model()->index(row, 2));
    const QImage img = table->viewport()->grab().toImage();
    const int y = cell.center().y();
    int hits = 0;
    for (int x = cell.left() + 3; x < cell.right() - 3; ++x)
        hits += QColor(img.pixel(x * img.width() / table->viewport()->width(),
                                 y * img.height() / table->viewport()->height())) == colour;
    return double(hits) / double(cell.width() - 6);
}
} // namespace

class TestModelResultPanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void recordClassificationShowsBarsThresholdsAndWindows() {
        ModelResultPanel panel;
        panel.resize(420, 600);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.showResult(rhythmResult());
        QVERIFY(panel.headline().contains(QLatin1String("rhythm-af@1.0.0")));
        QVERIFY(panel.headline().contains(QLatin1String("a.hea")));
        QTableWidget* t = panel.table();
        QCOMPARE(t->rowCount(), 2);
        QCOMPARE(t->item(0, 0)->text(), QStringLiteral("Atrial fibrillation"));
        QVERIFY(t->item(0, 1)->text().startsWith(QLatin1String("0.750")));
        QVERIFY(t->item(0, 1)->text().contains(QLatin1String("0.50"))); // The threshold.
        QVERIFY(t->item(0, 2)->data(ProbabilityBarDelegate::BarHighlightRole).toBool());
        QVERIFY(!t->item(1, 2)->data(ProbabilityBarDelegate::BarHighlightRole).toBool());
        QTest::qWait(50);
        // The bars are painted to scale: 75 % red, 25 % pale.
        const double red = paintedFraction(t, 0, ProbabilityBarDelegate::highlightColour());
        const double pale = paintedFraction(t, 1, ProbabilityBarDelegate::plainColour());
        QVERIFY2(std::abs(red - 0.75) < 0.05, qPrintable(QString::number(red)));
        QVERIFY2(std::abs(pale - 0.25) < 0.05, qPrintable(QString::number(pale)));

        // One graph per label over the window centres; a click asks for that time.
        QCustomPlot* plot = panel.plot();
        QVERIFY(plot->isVisible());
        QCOMPARE(plot->graphCount(), 2);
        QCOMPARE(plot->graph(0)->dataCount(), 20);
        QSignalSpy time(&panel, &ModelResultPanel::timeRequested);
        const int x = int(plot->xAxis->coordToPixel(60.0));
        QTest::mouseClick(plot, Qt::LeftButton, {}, QPoint(x, plot->height() / 2));
        QCOMPARE(time.size(), 1);
        QVERIFY(std::abs(time.front().front().toDouble() - 60.0) < 2.0);
    }

    void uncertaintyIsRankedAmongCachedCases() {
        ModelResultPanel panel;
        const QJsonObject scores{{QStringLiteral("/data/a.hea"), 0.4},
                                 {QStringLiteral("/data/b.hea"), 0.9},
                                 {QStringLiteral("/data/c.hea"), 0.1},
                                 {QStringLiteral("/data/d.hea"), 0.6}};
        panel.showResult(rhythmResult(), scores);
        QVERIFY2(panel.uncertaintyText().contains(QLatin1String("rank 3 of 4")),
                 qPrintable(panel.uncertaintyText()));
        // A case not yet in the cache counts itself.
        QJsonObject others = scores;
        others.remove(QStringLiteral("/data/a.hea"));
        panel.showResult(rhythmResult(), others);
        QVERIFY2(panel.uncertaintyText().contains(QLatin1String("rank 3 of 4")),
                 qPrintable(panel.uncertaintyText()));
        // A first-pass score is not ranked against refined ones.
        InferenceResult first = rhythmResult();
        first.details[QStringLiteral("stage")] = QStringLiteral("first pass");
        panel.showResult(first, scores);
        QVERIFY(!panel.uncertaintyText().contains(QLatin1String("rank")));
        panel.showResult(rhythmResult());
        QVERIFY(!panel.uncertaintyText().contains(QLatin1String("rank")));
    }

    void beatCountsAreSortedWithShares() {
        ModelResultPanel panel;
        InferenceResult r;
        r.modelId = QStringLiteral("beat-aami@1");
        r.details[QStringLiteral("beat_counts")] = QJsonObject{
            {QStringLiteral("N"), 60}, {QStringLiteral("V"), 30}, {QStringLiteral("S"), 10}};
        r.details[QStringLiteral("beats_from")] = QStringLiteral("annotations:atr");
        panel.showResult(r);
        QCOMPARE(panel.table()->rowCount(), 3);
        QCOMPARE(panel.table()->item(1, 0)->text(), QStringLiteral("V"));
        QVERIFY(panel.table()->item(1, 1)->text().contains(QLatin1String("30.0 %")));
        QVERIFY(!panel.plot()->isVisible()); // No beats, no per-beat plot.
        QVERIFY(panel.detailsText().contains(QLatin1String("Beats from: annotations:atr")));

        // With per-beat uncertainty: one dot per beat at its time; a click asks for that time.
        for (int i = 0; i < 100; ++i) {
            ecg::Annotation a;
            a.sample = 360 * i; // one beat a second at 360 Hz
            r.annotations.push_back(a);
            r.beatUncertainty.push_back(i == 42 ? 0.9f : 0.05f);
        }
        r.frameRate = 360;
        r.details[QStringLiteral("uncertain_beats")] = 1;
        r.details[QStringLiteral("uncertain_beat_threshold")] = 0.5;
        panel.resize(420, 600);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.showResult(r);
        QVERIFY(panel.plot()->isVisible());
        QCOMPARE(panel.plot()->graph(0)->dataCount(), 100);
        QCOMPARE(panel.plot()->graph(0)->data()->at(42)->value, 0.9f);
        QVERIFY(panel.detailsText().contains(QLatin1String("1 beats with uncertainty above 0.5")));
        QSignalSpy time(&panel, &ModelResultPanel::timeRequested);
        QTest::mouseClick(
            panel.plot(), Qt::LeftButton, {},
            QPoint(int(panel.plot()->xAxis->coordToPixel(42.0)), panel.plot()->height() / 2));
        QCOMPARE(time.size(), 1);
        QVERIFY(std::abs(time.front().front().toDouble() - 42.0) < 1.5);
    }

    void segmentationShowsMeanVolumesAndFrameUncertainty() {
        // 2 slices x 3 phases of 10 x 10 pixels, 1.5 x 1.5 mm, 8 mm apart; 20 LV pixels per
        // frame: 2 x 20 x 2.25 x 8 / 1000 = 0.72 ml per phase.
        imaging::VolumeGeometry geometry;
        geometry.pixelSpacing = {1.5, 1.5};
        geometry.sliceSpacing = 8;
        auto created = imaging::LabelVolume::create({10, 10, 2, 3}, geometry);
        QVERIFY(created.ok());
        auto labels = std::make_shared<imaging::LabelVolume>(std::move(*created));
        for (int p = 0; p < 3; ++p)
            for (int s = 0; s < 2; ++s)
                for (int i = 0; i < 20; ++i)
                    labels->frame(s, p).at(i % 10, i / 10) =
                        imaging::labelValue(imaging::CardiacLabel::LvBloodPool);
        InferenceResult r;
        r.modelId = QStringLiteral("seg@1");
        r.labels = labels;
        r.details[QStringLiteral("frame_uncertainty")] = QJsonArray{0.1, 0.3, 0.2, 0.1, 0.1, 0.4};
        ModelResultPanel panel;
        panel.show();
        panel.showResult(r);
        QCOMPARE(panel.table()->rowCount(), 1);
        QCOMPARE(panel.table()->item(0, 0)->text(), QStringLiteral("LV blood pool"));
        QCOMPARE(panel.table()->item(0, 1)->text(), QStringLiteral("0.7"));
        QCOMPARE(panel.plot()->graphCount(), 1);
        QCOMPARE(panel.plot()->graph(0)->dataCount(), 6);
        // Clinical figures and agreement read as sentences; series are left out.
        QVERIFY(panel.detailsText().isEmpty());
        r.details[QStringLiteral("cine_metrics")] = QJsonObject{
            {QStringLiteral("lv_ef_percent"), 31.94},
            {QStringLiteral("lv_edv_ml"), 199.6},
            {QStringLiteral("lv_esv_ml"), 135.9},
            {QStringLiteral("lv_mass_g"), 153.5},
            {QStringLiteral("ed_phase"), 19},
            {QStringLiteral("es_phase"), 6},
            {QStringLiteral("phase_volumes"), QJsonArray{QJsonArray{1, 2}, QJsonArray{3, 4}}}};
        r.details[QStringLiteral("agreement")] =
            QJsonObject{{QStringLiteral("labels"),
                         QJsonObject{{QStringLiteral("lv_blood_pool"),
                                      QJsonObject{{QStringLiteral("dice"), 0.8912},
                                                  {QStringLiteral("frames_scored"), 18}}}}}};
        panel.showResult(r);
        const QString details = panel.detailsText();
        QVERIFY2(details.contains(QLatin1String(
                     "EF 31.9 %, EDV 200 ml, ESV 136 ml, mass 154 g (ED phase 20, ES phase 7)")),
                 qPrintable(details));
        QVERIFY2(details.contains(QLatin1String("LV blood pool 0.891 (18 frames)")),
                 qPrintable(details));
        QVERIFY(!details.contains(QLatin1String("phase_volumes")));
        QSignalSpy frame(&panel, &ModelResultPanel::frameRequested);
        QTest::mouseClick(
            panel.plot(), Qt::LeftButton, {},
            QPoint(int(panel.plot()->xAxis->coordToPixel(4)), panel.plot()->height() / 2));
        QCOMPARE(frame.size(), 1);
        QCOMPARE(frame.front().front().toInt(), 4);
        panel.showError(QStringLiteral("seg@1"), QStringLiteral("seg@1: cancelled"));
        QVERIFY(panel.headline().contains(QLatin1String("cancelled")));
        QCOMPARE(panel.table()->rowCount(), 0);
        QVERIFY(!panel.plot()->isVisible());
        panel.clear();
        QCOMPARE(panel.table()->rowCount(), 0);
        QVERIFY(panel.casePath().isEmpty());
    }
};

QTEST_MAIN(TestModelResultPanel)
#include "tst_ModelResultPanel.moc"
