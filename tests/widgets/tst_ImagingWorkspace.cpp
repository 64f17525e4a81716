// The imaging tab as a cine viewer on the real Sunnybrook case: contours placed on the
// cine, metrics from them, layouts (lightbox, side by side, 3-D surfaces) linked on the frame.
#include "imaging/CineMetricsPanel.h"
#include "imaging/CineView.h"
#include "imaging/CineVolume.h"
#include "imaging/ImagingWorkspace.h"
#include "imaging/LabelSurfaceView.h"
#include "imaging/LabelTableWidget.h"
#include "imaging/LightboxView.h"
#include "imaging/NiftiWriter.h"

#include "TestData.h"

#include <QtTest>

using namespace cardiolens;
using namespace cardiolens::widgets;

class TestImagingWorkspace : public QObject {
    Q_OBJECT
public:
    static void initMain() { QSurfaceFormat::setDefaultFormat(VtkHostWidget::defaultFormat()); }

private Q_SLOTS:
    void sunnybrookCaseWithContoursMetricsAndLayouts() {
        CARDIOLENS_REQUIRE_SHARED(dir, "imaging/sunnybrook/dicoms/SCD0000101");
        ImagingWorkspace w;
        w.resize(1300, 850);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto opened = w.openVolume(dir);
        QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().message));
        QVERIFY(w.annotations());
        QCOMPARE(int(w.annotations()->contours.size()), 27);
        QCOMPARE(w.annotations()->labels.nt, 2); // two contoured phases (ED and ES)

        // Metrics from the contours: ED volume above ES volume, EF in (0, 100).
        const auto& m = w.metricsPanel()->metrics();
        QVERIFY(m.has_value());
        QVERIFY(m->lvEdvMl > m->lvEsvMl);
        QVERIFY(m->lvEfPercent > 5 && m->lvEfPercent < 80);
        QVERIFY(m->lvMassG > 20);

        // Lightbox of all slices follows the phase of the main view.
        w.setViewLayout(ImagingWorkspace::Layout::LightboxSlices);
        QCOMPARE(w.lightbox()->tileCount(), 12);
        w.setViewLayout(ImagingWorkspace::Layout::LightboxPhases);
        QCOMPARE(w.lightbox()->tileCount(), 20);
        QSignalSpy activated(w.lightbox(), &LightboxView::frameActivated);
        QTest::mouseClick(w.lightbox(), Qt::LeftButton, {}, w.lightbox()->tileRect(7).center());
        QCOMPARE(activated.count(), 1);
        QCOMPARE(w.view()->phase(), 7);

        // Side by side: the prediction view shows the same frame as the reference view.
        imaging::LabelCine prediction = w.annotations()->labels;
        w.setPrediction(std::move(prediction));
        w.setViewLayout(ImagingWorkspace::Layout::SideBySide);
        QVERIFY(w.predictionView()->isVisible());
        w.view()->showFrame(4, 9);
        QCOMPARE(w.predictionView()->slice(), 4);
        QCOMPARE(w.predictionView()->phase(), 9);
        QVERIFY(w.predictionView()->labels() != nullptr);

        // 3-D surfaces of the labelled structures.
        w.setViewLayout(ImagingWorkspace::Layout::Surfaces);
        QVERIFY(w.surfaceView()->triangleCount() > 100);
        // Hiding every label removes the surfaces.
        for (int l = 1; l < imaging::kCardiacLabelCount; ++l)
            w.labelTable()->setLabelVisible(l, false);
        QCOMPARE(w.surfaceView()->triangleCount(), 0LL);
        w.setViewLayout(ImagingWorkspace::Layout::Single);

        // A prediction from a label file on the same grid; a wrong grid is refused by name.
        auto labels = imaging::LabelVolume::like(*w.volume());
        QVERIFY(labels.ok());
        labels->frame(6, 18).at(100, 100) = 1;
        const QString file = test::scratchDir() + QStringLiteral("/prediction.nii.gz");
        QVERIFY(imaging::NiftiWriter::write(*labels, file).ok());
        QVERIFY(w.loadPrediction(file).ok());
        QCOMPARE(imaging::labelFrame(*w.view()->labels(), 6, 18)[100 * 256 + 100], std::uint8_t(1));
        auto small = imaging::LabelVolume::create({64, 64, 1, 1}, {});
        QVERIFY(small.ok());
        const QString wrong = test::scratchDir() + QStringLiteral("/wrong-grid.nii.gz");
        QVERIFY(imaging::NiftiWriter::write(*small, wrong).ok());
        auto refused = w.loadPrediction(wrong);
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().describe().contains(wrong));
    }

    void folderOfSeveralSeriesAsksWhichOne() {
        CARDIOLENS_REQUIRE_SHARED(a, "imaging/sunnybrook/dicoms/SCD0000201");
        CARDIOLENS_REQUIRE_SHARED(b, "imaging/sunnybrook/dicoms/SCD0000301");
        QTemporaryDir dir;
        int copied = 0;
        for (const QString& src : {a, b})
            for (const QFileInfo& f : QDir(src).entryInfoList({QStringLiteral("*.dcm")}))
                copied += QFile::copy(f.filePath(), dir.filePath(QFileInfo(src).fileName() +
                                                                 QLatin1Char('-') + f.fileName()));
        QVERIFY(copied >= 30);
        ImagingWorkspace w;
        QStringList offered;
        int suggestedIndex = -2;
        w.setSeriesChooser([&](const QStringList& series, int suggested) {
            offered = series;
            suggestedIndex = suggested;
            return suggested == 0 ? 1 : 0; // the smaller one
        });
        QVERIFY(w.openVolume(dir.path()).ok());
        QCOMPARE(offered.size(), 2);
        const int picked = suggestedIndex == 0 ? 1 : 0;
        QVERIFY2(offered[picked].contains(QStringLiteral("18 files")),
                 qPrintable(offered.join(QLatin1Char('|'))));
        QCOMPARE(int(w.volume()->extent().frameCount()) >= 18, true);
        // Cancelling opens nothing and says so.
        w.setSeriesChooser([](const QStringList&, int) { return -1; });
        auto cancelled = w.openVolume(dir.path());
        QVERIFY(!cancelled.ok());
        QVERIFY(cancelled.error().describe().contains(dir.path()));
    }
};

QTEST_MAIN(TestImagingWorkspace)
#include "tst_ImagingWorkspace.moc"
