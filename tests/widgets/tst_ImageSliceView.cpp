// Renders a real MRI slice through VTK inside Qt and checks the pixels on screen.
#include "imaging/DicomSliceReader.h"
#include "imaging/ImageSliceView.h"

#include "PixelStats.h"
#include "TestData.h"

#include <QtTest>

#include <cmath>

using namespace cardiolens;
using namespace cardiolens::widgets;

namespace {

using test::pearson;

} // namespace

class TestImageSliceView : public QObject {
    Q_OBJECT
public:
    static void initMain() { QSurfaceFormat::setDefaultFormat(VtkHostWidget::defaultFormat()); }

private:
    std::unique_ptr<ImageSliceView> m_view;
    imaging::ImageSlice m_slice;

    // Displayed grey level of slice pixel (x, y), read from a grabbed frame.
    static double grey(const QImage& frame, QPointF p, qreal dpr) {
        return qGray(frame.pixel(int(p.x() * dpr), int(p.y() * dpr)));
    }

    // Samples a grid of pixels: rendered grey vs. the source value clamped to the window.
    double correlationWithSource(const QImage& frame) {
        std::vector<double> shown, source;
        const double lo = m_view->level() - m_view->window() / 2;
        const double hi = m_view->level() + m_view->window() / 2;
        for (int y = 4; y < m_slice.height - 4; y += 6) {
            for (int x = 4; x < m_slice.width - 4; x += 6) {
                shown.push_back(
                    grey(frame, m_view->widgetPointForPixel(x, y), frame.devicePixelRatio()));
                source.push_back(std::clamp(double(m_slice.at(x, y)), lo, hi));
            }
        }
        return pearson(shown, source);
    }

private Q_SLOTS:
    void initTestCase() {
        auto slice = imaging::DicomSliceReader::read(
            test::sample(QStringLiteral("imaging/sunnybrook/SCD0000101/108.dcm")));
        QVERIFY(slice.ok());
        m_slice = slice.value();
        m_view = std::make_unique<ImageSliceView>();
        m_view->resize(700, 520);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
        m_view->setSlice(m_slice);
    }

    void renderedPixelsCorrelateWithSource() {
        const QImage frame = m_view->grabFramebuffer();
        QVERIFY(!frame.isNull());
        QVERIFY(m_view->renderCount() > 0);
        // The frame has one pixel per device pixel (HiDPI: twice the logical size).
        QCOMPARE(frame.width(), qRound(m_view->width() * m_view->devicePixelRatioF()));
        // Not black: a good share of the image area is bright.
        int bright = 0, total = 0;
        for (int y = 0; y < frame.height(); y += 4)
            for (int x = 0; x < frame.width(); x += 4, ++total)
                bright += qGray(frame.pixel(x, y)) > 60 ? 1 : 0;
        QVERIFY2(bright > total / 10,
                 qPrintable(QStringLiteral("%1 of %2 bright").arg(bright).arg(total)));
        const double r = correlationWithSource(frame);
        qInfo("correlation rendered vs source: %.4f", r);
        QVERIFY2(r > 0.95, qPrintable(QString::number(r)));
    }

    void imageIsUprightAndFitted() {
        // Top-left pixel maps above and left of bottom-right; the slice fits the widget.
        const QPointF tl = m_view->widgetPointForPixel(0, 0);
        const QPointF br = m_view->widgetPointForPixel(m_slice.width - 1, m_slice.height - 1);
        QVERIFY(tl.x() < br.x());
        QVERIFY(tl.y() < br.y());
        QVERIFY(tl.y() >= -1 && br.y() <= m_view->height() + 1);
        const double side = br.y() - tl.y();
        QVERIFY2(side > 0.9 * m_view->height(), qPrintable(QString::number(side)));
    }

    void narrowerWindowRaisesContrast() {
        const QPointF p = m_view->widgetPointForPixel(128, 140);
        const double value = m_slice.at(128, 140);
        // Put the pixel's value at the bottom of the window: it must then draw black...
        m_view->setWindowLevel(100, value + 50);
        QImage dark = m_view->grabFramebuffer();
        // ...and at the top of the window: white.
        m_view->setWindowLevel(100, value - 50);
        QImage light = m_view->grabFramebuffer();
        QVERIFY2(grey(dark, p, dark.devicePixelRatio()) < 15, "pixel below window not black");
        QVERIFY2(grey(light, p, light.devicePixelRatio()) > 240, "pixel above window not white");
        m_view->autoWindowLevel();
    }

    void wheelZoomsAboutTheView() {
        const QPointF before = m_view->widgetPointForPixel(0, 0);
        const QPoint centre(m_view->width() / 2, m_view->height() / 2);
        QWheelEvent wheel(centre, m_view->mapToGlobal(centre), QPoint(), QPoint(0, 120),
                          Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(m_view.get(), &wheel);
        m_view->grabFramebuffer();
        const QPointF after = m_view->widgetPointForPixel(0, 0);
        // Zooming in pushes the top-left corner further out.
        QVERIFY2(after.x() < before.x() - 5 && after.y() < before.y() - 5,
                 qPrintable(QStringLiteral("(%1,%2) -> (%3,%4)")
                                .arg(before.x())
                                .arg(before.y())
                                .arg(after.x())
                                .arg(after.y())));
    }

    void shiftRResetsTheZoom() {
        // After the wheel zoom above, VTK's Shift+R (forwarded from Qt) resets the camera.
        const QPointF zoomed = m_view->widgetPointForPixel(0, 0);
        QTest::keyClick(m_view.get(), Qt::Key_R, Qt::ShiftModifier);
        m_view->grabFramebuffer();
        const QPointF reset = m_view->widgetPointForPixel(0, 0);
        QVERIFY2(reset.x() > zoomed.x() + 5,
                 qPrintable(QStringLiteral("%1 -> %2").arg(zoomed.x()).arg(reset.x())));
    }

    void leftDragChangesWindowLevel() {
        m_view->autoWindowLevel();
        const double w0 = m_view->window();
        const double l0 = m_view->level();
        QSignalSpy spy(m_view.get(), &ImageSliceView::windowLevelChanged);
        const QPoint start(m_view->width() / 2, m_view->height() / 2);
        QTest::mousePress(m_view.get(), Qt::LeftButton, Qt::NoModifier, start);
        for (int i = 1; i <= 10; ++i) {
            QMouseEvent move(QEvent::MouseMove, start + QPoint(8 * i, 5 * i),
                             m_view->mapToGlobal(start + QPoint(8 * i, 5 * i)), Qt::NoButton,
                             Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(m_view.get(), &move);
        }
        QTest::mouseRelease(m_view.get(), Qt::LeftButton, Qt::NoModifier, start + QPoint(80, 50));
        QVERIFY(spy.count() > 0);
        QVERIFY2(m_view->window() != w0 || m_view->level() != l0,
                 "drag did not change window/level");
    }
};

QTEST_MAIN(TestImageSliceView)
#include "tst_ImageSliceView.moc"
