// CineView's per-frame work and units on small synthetic cines (no shared data needed):
// one windowing pass per change of frame (not one per overlay kind), and the scale bar in
// millimetres only when the volume's pixel spacing is known.
#include "imaging/CineView.h"
#include "imaging/CineVolume.h"

#include <QSignalSpy>
#include <QtTest>

using namespace cardiolens;
using namespace cardiolens::widgets;

namespace {
imaging::CineVolume cine(bool spacingKnown) {
    auto v = imaging::CineVolume::create({32, 24, 2, 6}, imaging::PixelType::Int16);
    auto px = v->pixels<std::int16_t>();
    for (std::size_t i = 0; i < px.size(); ++i)
        px[i] = std::int16_t(i % 997);
    v->geometry().frameTimeMs = 10.0;
    v->geometry().pixelSpacing = {1.0, 1.0}; // A real 1 mm grid, or the unknown placeholder.
    v->geometry().pixelSpacingKnown = spacingKnown;
    return std::move(v).value();
}
} // namespace

class TestCineViewWork : public QObject {
    Q_OBJECT
public:
    static void initMain() { QSurfaceFormat::setDefaultFormat(VtkHostWidget::defaultFormat()); }

private Q_SLOTS:
    void oneUploadPerFrameChange() {
        const imaging::CineVolume volume = cine(true);
        CineView view;
        view.resize(320, 240);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        int before = view.frameUploadCount();
        view.setVolume(&volume);
        QCOMPARE(view.frameUploadCount() - before, 1);
        before = view.frameUploadCount();
        view.stepPhase(1);
        QCOMPARE(view.frameUploadCount() - before, 1);
        const std::vector<imaging::FrameContour> contours;
        before = view.frameUploadCount();
        view.setContours(&contours);
        QCOMPARE(view.frameUploadCount() - before, 1);
        // Playback: every tick that moves to another phase windows the frame once.
        QSignalSpy frames(&view, &CineView::frameChanged);
        before = view.frameUploadCount();
        view.play();
        QTRY_VERIFY_WITH_TIMEOUT(frames.size() >= 5, 5000);
        view.pause();
        QCOMPARE(view.frameUploadCount() - before, int(frames.size()));
    }

    void scaleBarUnitFollowsKnownSpacing() {
        const imaging::CineVolume mm = cine(true), unknown = cine(false);
        CineView view;
        view.resize(320, 240);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(view.scaleBarLabel().isEmpty());
        view.setVolume(&mm); // 1.0 mm is a real spacing here, not a marker.
        QVERIFY2(view.scaleBarLabel().endsWith(QLatin1String(" mm")),
                 qPrintable(view.scaleBarLabel()));
        view.setVolume(&unknown);
        QVERIFY2(view.scaleBarLabel().endsWith(QLatin1String(" px")),
                 qPrintable(view.scaleBarLabel()));
        view.setVolume(nullptr);
    }
};

QTEST_MAIN(TestCineViewWork)
#include "tst_CineViewWork.moc"
