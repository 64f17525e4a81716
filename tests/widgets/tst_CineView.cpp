// The cine viewer on the real Sunnybrook cine and echo clip: rendered pixels against the
// source frame, overlay colour against the mask, keys, playback rate and window/level.
#include "imaging/CineView.h"
#include "imaging/CineVolume.h"
#include "imaging/ImageLoader.h"

#include "PixelStats.h"
#include "TestData.h"

#include <QtTest>

#include <cmath>

using namespace cardiolens;
using namespace cardiolens::widgets;

namespace {

using test::pearson;

} // namespace

class TestCineView : public QObject {
    Q_OBJECT
public:
    static void initMain() { QSurfaceFormat::setDefaultFormat(VtkHostWidget::defaultFormat()); }

private:
    std::unique_ptr<CineView> m_view;
    std::unique_ptr<imaging::CineVolume> m_mri;

    QImage frame() {
        const int before = m_view->renderCount();
        m_view->update();
        QElapsedTimer t;
        t.start();
        while (m_view->renderCount() <= before && t.elapsed() < 5000)
            QTest::qWait(5);
        return m_view->grabFramebuffer();
    }
    static QRgb at(const QImage& img, QPointF p) {
        const qreal dpr = img.devicePixelRatio();
        return img.pixel(int(p.x() * dpr), int(p.y() * dpr));
    }
    // Pixels on the frame's centre whose rendered grey is off the windowed value of frame
    // (slice, phase) by more than 2 levels; `checked` receives how many were compared.
    int mismatches(const QImage& img, int slice, int phase, int* checked = nullptr) {
        const auto wl = m_view->windowLevel();
        int off = 0, n = 0;
        for (int y = 64; y < 192; y += 3)
            for (int x = 64; x < 192; x += 3, ++n) {
                const int want = imaging::windowed(m_mri->valueAt(x, y, slice, phase), wl);
                off += std::abs(qGray(at(img, m_view->widgetPointForPixel(x, y))) - want) > 2;
            }
        if (checked)
            *checked = n;
        return off;
    }
    // The frame shown is (slice, phase): nearly every grey exact, while the neighbouring
    // phase (whose pixels correlate at r 0.98 with it) would fail the same check.
    void verifyShows(int slice, int phase) {
        const QImage img = frame();
        int checked = 0;
        const int off = mismatches(img, slice, phase, &checked);
        const int neighbour = (phase + 1) % m_mri->phases();
        const int offNeighbour = mismatches(img, slice, neighbour);
        qInfo("slice %d phase %d: %d of %d pixels off; %d off against phase %d", slice, phase, off,
              checked, offNeighbour, neighbour);
        QVERIFY2(off <= checked / 100,
                 qPrintable(QStringLiteral("%1 of %2").arg(off).arg(checked)));
        QVERIFY(offNeighbour > checked / 10);
    }

private Q_SLOTS:
    void initTestCase() {
        CARDIOLENS_REQUIRE_SHARED(dir, "imaging/sunnybrook/dicoms/SCD0000101");
        auto v = imaging::ImageLoader::load(dir);
        QVERIFY(v.ok());
        m_mri = std::make_unique<imaging::CineVolume>(std::move(*v));
        QCOMPARE(m_mri->slices(), 12);
        QCOMPARE(m_mri->phases(), 20);
        m_view = std::make_unique<CineView>();
        m_view->resize(700, 560);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
        m_view->setVolume(m_mri.get());
    }

    void renderedPixelsAreTheWindowedSource() {
        verifyShows(m_view->slice(), m_view->phase());
        m_view->showFrame(3, 7); // another frame, same check
        verifyShows(3, 7);
    }

    void keysChangeSliceAndPhase() {
        m_view->showFrame(5, 0);
        m_view->setFocus();
        QTest::keyClick(m_view.get(), Qt::Key_Up);
        QCOMPARE(m_view->slice(), 6);
        QTest::keyClick(m_view.get(), Qt::Key_Down);
        QTest::keyClick(m_view.get(), Qt::Key_Down);
        QCOMPARE(m_view->slice(), 4);
        QTest::keyClick(m_view.get(), Qt::Key_Right);
        QCOMPARE(m_view->phase(), 1);
        QTest::keyClick(m_view.get(), Qt::Key_Left);
        QTest::keyClick(m_view.get(), Qt::Key_Left);
        QCOMPARE(m_view->phase(), 19); // phases wrap around the cycle
        // The frame shown is the one selected.
        verifyShows(4, 19);
        QVERIFY(!m_view->isInterpolated());
        QTest::keyClick(m_view.get(), Qt::Key_I);
        QVERIFY(m_view->isInterpolated());
        QTest::keyClick(m_view.get(), Qt::Key_I);
        QVERIFY(!m_view->isInterpolated());
        QTest::keyClick(m_view.get(), Qt::Key_Space);
        QVERIFY(m_view->isPlaying());
        QTest::keyClick(m_view.get(), Qt::Key_Space);
        QVERIFY(!m_view->isPlaying());
    }

    void windowLevelChangesIntensities() {
        m_view->showFrame(6, 0);
        const auto ref = m_view->windowLevel();
        // A narrow window around one pixel's value shows it mid-grey; values well below
        // go black, well above white.
        const int x = 128, y = 128;
        const double v = m_mri->valueAt(x, y, 6, 0);
        m_view->setWindowLevel({40.0, v});
        QImage img = frame();
        QVERIFY(std::abs(qGray(at(img, m_view->widgetPointForPixel(x, y))) - 128) <= 8);
        m_view->setWindowLevel({40.0, v - 1000.0});
        img = frame();
        QCOMPARE(qGray(at(img, m_view->widgetPointForPixel(x, y))), 255);
        m_view->setWindowLevel({40.0, v + 1000.0});
        img = frame();
        QCOMPARE(qGray(at(img, m_view->widgetPointForPixel(x, y))), 0);
        // Linear in between: predicted grey of many pixels under a mid window.
        m_view->setWindowLevel(ref);
        img = frame();
        int checked = 0, off = 0;
        for (int yy = 80; yy < 180; yy += 7)
            for (int xx = 80; xx < 180; xx += 7) {
                const int want = imaging::windowed(m_mri->valueAt(xx, yy, 6, 0), ref);
                off += std::abs(qGray(at(img, m_view->widgetPointForPixel(xx, yy))) - want) > 6;
                ++checked;
            }
        QVERIFY2(off <= checked / 50, qPrintable(QStringLiteral("%1 of %2").arg(off).arg(checked)));
        // Right-drag to the right widens the window.
        QSignalSpy spy(m_view.get(), &CineView::windowLevelChanged);
        const QPoint c(350, 280);
        QTest::mousePress(m_view.get(), Qt::RightButton, {}, c);
        QMouseEvent move(QEvent::MouseMove, QPointF(c + QPoint(60, 0)),
                         QPointF(m_view->mapToGlobal(c + QPoint(60, 0))), Qt::NoButton,
                         Qt::RightButton, {});
        QCoreApplication::sendEvent(m_view.get(), &move);
        QTest::mouseRelease(m_view.get(), Qt::RightButton, {}, c + QPoint(60, 0));
        QVERIFY(spy.count() > 0);
        QVERIFY(m_view->windowLevel().window > ref.window);
        m_view->resetWindowLevel();
        QCOMPARE(m_view->windowLevel(), ref);
    }

    void overlayColourExactlyWhereTheMaskIs() {
        m_view->showFrame(6, 4);
        imaging::LabelCine labels;
        labels.nx = 256;
        labels.ny = 256;
        labels.nz = m_mri->slices();
        labels.nt = 1;
        labels.frameNumbers = {4};
        labels.labels.assign(labels.phaseSize(), 0);
        // An L-shaped mask: a 40x20 bar and a 12x30 leg.
        auto inMask = [](int x, int y) {
            return (x >= 100 && x < 140 && y >= 110 && y < 130) ||
                   (x >= 100 && x < 112 && y >= 130 && y < 160);
        };
        std::uint8_t* frameLabels = labels.phaseData(0) + labels.sliceSize() * 6;
        for (int y = 0; y < 256; ++y)
            for (int x = 0; x < 256; ++x)
                if (inMask(x, y))
                    frameLabels[y * 256 + x] = 1;
        auto style = imaging::LabelOverlayStyle::fromLabelTable();
        style.opacity = 1.0;
        m_view->setOverlayStyle(style);
        m_view->setLabels(&labels);
        const auto lv = imaging::cardiacLabelInfo(imaging::CardiacLabel::LvBloodPool).rgb;
        QImage img = frame();
        int wrong = 0;
        for (int y = 90; y < 175; ++y)
            for (int x = 85; x < 160; ++x) {
                const QRgb px = at(img, m_view->widgetPointForPixel(x, y));
                const bool coloured = std::abs(qRed(px) - lv[0]) <= 2 &&
                                      std::abs(qGreen(px) - lv[1]) <= 2 &&
                                      std::abs(qBlue(px) - lv[2]) <= 2;
                const bool grey = qRed(px) == qGreen(px) && qGreen(px) == qBlue(px);
                if (inMask(x, y) ? !coloured : !grey) {
                    if (++wrong <= 5)
                        qInfo("overlay mismatch at %d,%d: %d %d %d", x, y, qRed(px), qGreen(px),
                              qBlue(px));
                }
            }
        QCOMPARE(wrong, 0);
        // Other phases carry no labels: no colour there.
        m_view->showFrame(6, 5);
        img = frame();
        const QRgb px = at(img, m_view->widgetPointForPixel(120, 120));
        QVERIFY(qRed(px) == qGreen(px) && qGreen(px) == qBlue(px));
        // Outline mode colours the rim but not the interior.
        m_view->showFrame(6, 4);
        style.mode = imaging::LabelOverlayStyle::Mode::Outline;
        m_view->setOverlayStyle(style);
        img = frame();
        const QRgb rim = at(img, m_view->widgetPointForPixel(120, 110));
        const QRgb inside = at(img, m_view->widgetPointForPixel(120, 120));
        QCOMPARE(qRed(rim), int(lv[0]));
        QVERIFY(qRed(inside) == qGreen(inside) && qGreen(inside) == qBlue(inside));
        m_view->setLabels(nullptr);
    }

    void playbackAdvancesAtTheStudyRate() {
        m_view->showFrame(6, 0);
        auto& pb = m_view->playback();
        pb.setSpeed(1.0);
        double cycleMs = 0;
        for (int p = 0; p < pb.phases(); ++p)
            cycleMs += pb.durationMs(p);
        QVERIFY(cycleMs > 300 && cycleMs < 2000); // a heart beat of trigger times
        int advanced = 0, last = 0;
        connect(m_view.get(), &CineView::frameChanged, this, [&](int, int p) {
            advanced += (p - last + 20) % 20;
            last = p;
        });
        QElapsedTimer t;
        t.start();
        m_view->play();
        QTest::qWait(1500);
        m_view->pause();
        const double expected = double(t.elapsed()) / (cycleMs / 20.0);
        disconnect(m_view.get(), &CineView::frameChanged, this, nullptr);
        qInfo("advanced %d phases, expected %.1f", advanced, expected);
        QVERIFY(std::abs(advanced - expected) <= 0.2 * expected + 1);
    }

    void echoClipShownInColour() {
        CARDIOLENS_REQUIRE_SHARED(path, "imaging/echo/US-PAL-8-10x-echo.dcm");
        auto v = imaging::ImageLoader::load(path);
        QVERIFY(v.ok());
        QCOMPARE(v->pixelType(), imaging::PixelType::Rgb8);
        CineView view;
        view.resize(700, 560);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setVolume(&*v);
        view.showFrame(0, 3);
        const int before = view.renderCount();
        view.update();
        QTRY_VERIFY(view.renderCount() > before);
        const QImage img = view.grabFramebuffer();
        const auto f = v->frame<imaging::Rgb8>(0, 3);
        std::vector<double> r, rs, b, bs;
        int colourful = 0;
        for (int y = 20; y < v->height() - 20; y += 5)
            for (int x = 20; x < v->width() - 20; x += 5) {
                const QPointF p = view.widgetPointForPixel(x, y);
                const QRgb px = img.pixel(int(p.x() * img.devicePixelRatio()),
                                          int(p.y() * img.devicePixelRatio()));
                r.push_back(qRed(px));
                rs.push_back(f.at(x, y).r);
                b.push_back(qBlue(px));
                bs.push_back(f.at(x, y).b);
                colourful += std::abs(qRed(px) - qBlue(px)) > 30;
            }
        qInfo("echo correlation r %.3f b %.3f", pearson(r, rs), pearson(b, bs));
        QVERIFY(pearson(r, rs) > 0.97);
        QVERIFY(pearson(b, bs) > 0.97);
        QVERIFY(colourful > 0); // the clip's colour survives
        view.setVolume(nullptr);
    }

    void cleanupTestCase() {
        if (m_view)
            m_view->setVolume(nullptr);
    }
};

QTEST_MAIN(TestCineView)
#include "tst_CineView.moc"
