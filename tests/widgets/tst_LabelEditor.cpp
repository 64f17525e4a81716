// Edit mode of the cine viewer on a real Sunnybrook frame: synthetic mouse strokes paint
// exactly the pixels the core brush computes for the points under the mouse (label plane)
// and show in the label colour on screen; Ctrl+Z / Ctrl+Shift+Z restore and re-apply the
// plane byte for byte; a click that changes nothing adds no undo entry; [ ] size the
// brush; the polygon tool equals the core rasteriser.
#include "imaging/CineView.h"
#include "imaging/CineVolume.h"
#include "imaging/ImageLoader.h"
#include "imaging/PolygonRasterizer.h"
#include "imaging/edit/BrushStroke.h"
#include "imaging/edit/ContourEdit.h"
#include "imaging/edit/EditableLabels.h"
#include "imaging/edit/LabelEditor.h"

#include "TestData.h"

#include <QtTest>

#include <cmath>

using namespace cardiolens;
using namespace cardiolens::widgets;

class TestLabelEditor : public QObject {
    Q_OBJECT
public:
    static void initMain() { QSurfaceFormat::setDefaultFormat(VtkHostWidget::defaultFormat()); }

private:
    std::unique_ptr<imaging::CineVolume> m_mri;
    std::unique_ptr<CineView> m_view;
    std::unique_ptr<imaging::EditableLabels> m_doc;
    std::unique_ptr<LabelEditor> m_editor;

    QImage frame() {
        const int before = m_view->renderCount();
        m_view->update();
        QElapsedTimer t;
        t.start();
        while (m_view->renderCount() <= before && t.elapsed() < 5000)
            QTest::qWait(5);
        return m_view->grabFramebuffer();
    }
    QRgb at(const QImage& img, double x, double y) const {
        const QPointF p = m_view->widgetPointForPixel(x, y);
        const qreal dpr = img.devicePixelRatio();
        return img.pixel(int(p.x() * dpr), int(p.y() * dpr));
    }
    std::vector<std::uint8_t> plane() const {
        const auto p = m_doc->labels().frame(m_view->slice(), m_view->phase()).pixels();
        return {p.begin(), p.end()};
    }
    void send(QEvent::Type type, QPoint at, Qt::MouseButton button, Qt::MouseButtons buttons,
              Qt::KeyboardModifiers mods = {}) {
        QMouseEvent e(type, QPointF(at), QPointF(m_view->mapToGlobal(at)), button, buttons, mods);
        QCoreApplication::sendEvent(m_view.get(), &e);
    }
    // A drag through \a points (widget coordinates); returns the frame points the view
    // mapped them to.
    std::vector<imaging::Point2> drag(const std::vector<QPoint>& points) {
        std::vector<imaging::Point2> mapped;
        for (std::size_t i = 0; i < points.size(); ++i) {
            const QPointF f = m_view->framePointAt(QPointF(points[i]));
            mapped.push_back({f.x(), f.y()});
            if (i == 0)
                send(QEvent::MouseButtonPress, points[i], Qt::LeftButton, Qt::LeftButton);
            else
                send(QEvent::MouseMove, points[i], Qt::NoButton, Qt::LeftButton);
        }
        send(QEvent::MouseButtonRelease, points.back(), Qt::LeftButton, Qt::NoButton);
        return mapped;
    }

private Q_SLOTS:
    void initTestCase() {
        CARDIOLENS_REQUIRE_SHARED(dir, "imaging/sunnybrook/dicoms/SCD0000101");
        auto v = imaging::ImageLoader::load(dir);
        QVERIFY(v.ok());
        m_mri = std::make_unique<imaging::CineVolume>(std::move(*v));
        m_view = std::make_unique<CineView>();
        m_view->resize(700, 560);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
        m_view->setVolume(m_mri.get());
        m_view->showFrame(6, 4);
        auto labels = imaging::LabelVolume::like(*m_mri);
        QVERIFY(labels.ok());
        m_doc = std::make_unique<imaging::EditableLabels>(std::move(*labels));
        m_editor = std::make_unique<LabelEditor>();
        m_editor->attach(m_view.get(), m_doc.get(), m_mri.get());
        QCOMPARE(m_view->editor(), m_editor.get());
    }

    void strokePaintsExpectedPixelsAndUndoRestores() {
        const QImage before = frame();
        const auto empty = plane();
        m_editor->setActiveLabel(3);
        m_editor->setBrushRadius(4.0); // mm
        std::vector<QPoint> path;
        // A bent drag: the moves in between matter, not only press and release.
        const QPointF a = m_view->widgetPointForPixel(100, 110);
        const QPointF b = m_view->widgetPointForPixel(150, 140);
        const QPointF c = m_view->widgetPointForPixel(110, 150);
        for (int i = 0; i <= 20; ++i)
            path.push_back((a + (b - a) * (i / 20.0)).toPoint());
        for (int i = 1; i <= 15; ++i)
            path.push_back((b + (c - b) * (i / 15.0)).toPoint());
        const auto mapped = drag(path);
        QCOMPARE(m_doc->history().undoCount(), 1);
        // Label plane: exactly the core brush's pixels for the points the mouse visited.
        const auto spacing = m_mri->geometry().pixelSpacing;
        const std::array<double, 2> radii{4.0 / spacing[0], 4.0 / spacing[1]};
        const auto painted = plane();
        int count = 0;
        for (int y = 0; y < 256; ++y)
            for (int x = 0; x < 256; ++x) {
                bool want = false;
                for (std::size_t i = 0; i < mapped.size() && !want; ++i)
                    want = imaging::BrushStroke::covers(mapped[i > 0 ? i - 1 : 0], mapped[i], radii,
                                                        x, y);
                QCOMPARE(painted[std::size_t(y) * 256 + std::size_t(x)],
                         std::uint8_t(want ? 3 : 0));
                count += want;
            }
        QVERIFY(count > 300);
        // Screen: painted pixels show the label colour blended over the grey frame,
        // pixels away from the stroke are as before.
        const QImage after = frame();
        const auto colour = m_view->overlayStyle().colours[3];
        const double op = m_view->overlayStyle().opacity;
        int checked = 0, off = 0, farChecked = 0, farOff = 0;
        for (int y = 0; y < 256; y += 2)
            for (int x = 0; x < 256; x += 2) {
                const std::uint8_t l = painted[std::size_t(y) * 256 + std::size_t(x)];
                const QRgb was = at(before, x, y), now = at(after, x, y);
                if (l == 3) {
                    const int want[3] = {int(qRed(was) + (colour[0] - qRed(was)) * op + 0.5),
                                         int(qGreen(was) + (colour[1] - qGreen(was)) * op + 0.5),
                                         int(qBlue(was) + (colour[2] - qBlue(was)) * op + 0.5)};
                    off += std::abs(qRed(now) - want[0]) > 3 ||
                           std::abs(qGreen(now) - want[1]) > 3 ||
                           std::abs(qBlue(now) - want[2]) > 3;
                    ++checked;
                } else if (std::hypot(x - 125.0, y - 125.0) > 60.0) {
                    farOff += now != was;
                    ++farChecked;
                }
            }
        QVERIFY(checked > 50);
        QVERIFY2(off <= checked / 50, qPrintable(QStringLiteral("%1 of %2").arg(off).arg(checked)));
        QVERIFY2(farOff <= farChecked / 100,
                 qPrintable(QStringLiteral("%1 of %2").arg(farOff).arg(farChecked)));

        // Ctrl+Z restores the plane byte for byte and the screen; Ctrl+Shift+Z re-applies.
        QTest::keyClick(m_view.get(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(plane() == empty);
        const QImage undone = frame();
        for (int y = 90; y < 160; y += 3)
            for (int x = 90; x < 160; x += 3)
                QCOMPARE(at(undone, x, y), at(before, x, y));
        QTest::keyClick(m_view.get(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(plane() == painted);
        QCOMPARE(m_doc->history().undoCount(), 1);
        QCOMPARE(m_doc->history().redoCount(), 0);

        // A click inside the painted stroke changes nothing: no undo entry.
        const QPoint mid = m_view->widgetPointForPixel(125, 125).toPoint();
        drag({mid});
        QCOMPARE(m_doc->history().undoCount(), 1);
        QVERIFY(plane() == painted);
    }

    void keysSizeTheBrushAndPickTools() {
        const double r = m_editor->brushRadius();
        QTest::keyClick(m_view.get(), Qt::Key_BracketRight);
        QVERIFY(m_editor->brushRadius() > r);
        QTest::keyClick(m_view.get(), Qt::Key_BracketLeft);
        QVERIFY(std::abs(m_editor->brushRadius() - r) < 1e-9);
        QWheelEvent wheel(QPointF(300, 300), m_view->mapToGlobal(QPointF(300, 300)), {}, {0, 120},
                          Qt::NoButton, Qt::ShiftModifier, Qt::NoScrollPhase, false);
        QCoreApplication::sendEvent(m_view.get(), &wheel);
        QVERIFY(m_editor->brushRadius() > r);
        m_editor->setBrushRadius(r);
        QTest::keyClick(m_view.get(), Qt::Key_E);
        QCOMPARE(m_editor->tool(), LabelEditor::Tool::Eraser);
        QTest::keyClick(m_view.get(), Qt::Key_2);
        QCOMPARE(int(m_editor->activeLabel()), 2);
        QTest::keyClick(m_view.get(), Qt::Key_B);
        QCOMPARE(m_editor->tool(), LabelEditor::Tool::Brush);
        // Navigation keys still belong to the viewer.
        const int slice = m_view->slice();
        QTest::keyClick(m_view.get(), Qt::Key_Up);
        QCOMPARE(m_view->slice(), slice + 1);
        QTest::keyClick(m_view.get(), Qt::Key_Down);
    }

    void polygonToolEqualsRasterizer() {
        QTest::keyClick(m_view.get(), Qt::Key_P);
        QCOMPARE(m_editor->tool(), LabelEditor::Tool::Polygon);
        m_editor->setActiveLabel(1);
        const auto before = plane();
        const int entries = m_doc->history().undoCount();
        imaging::Polygon outline;
        for (const auto& [x, y] :
             {std::pair{60.0, 60.0}, {90.0, 55.0}, {95.0, 95.0}, {58.0, 85.0}}) {
            const QPoint w = m_view->widgetPointForPixel(x, y).toPoint();
            const QPointF f = m_view->framePointAt(QPointF(w));
            outline.push_back({f.x(), f.y()});
            send(QEvent::MouseButtonPress, w, Qt::LeftButton, Qt::LeftButton);
            send(QEvent::MouseButtonRelease, w, Qt::LeftButton, Qt::NoButton);
        }
        QCOMPARE(m_doc->history().undoCount(), entries); // nothing until closed
        QTest::keyClick(m_view.get(), Qt::Key_Return);
        QCOMPARE(m_doc->history().undoCount(), entries + 1);
        imaging::Mask2D expected(256, 256);
        std::copy(before.begin(), before.end(), expected.values.begin());
        imaging::PolygonRasterizer::fill(outline, expected, 1);
        QVERIFY(plane() == expected.values);
        QTest::keyClick(m_view.get(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(plane() == before);
    }

    void contourToolDragsAVertex() {
        m_view->showFrame(6, 4); // holds the label-3 stroke of the first test
        QTest::keyClick(m_view.get(), Qt::Key_C);
        QCOMPARE(m_editor->tool(), LabelEditor::Tool::Contour);
        m_editor->setActiveLabel(3);
        const auto before = plane();
        QVERIFY(std::count(before.begin(), before.end(), 3) > 100);
        imaging::ContourEdit probe(*m_doc, 6, 4, 3, 0.7);
        QVERIFY(!probe.outlines().empty());
        const imaging::Point2 v = probe.outlines()[0][0];
        const QPoint from = m_view->widgetPointForPixel(v.x, v.y).toPoint();
        const QPoint to = from + QPoint(30, -20);
        // The same drag through the core alone, on a copy of the frame.
        imaging::EditableLabels scratch(std::move(imaging::LabelVolume::like(*m_mri).value()));
        {
            auto tx = scratch.begin(QStringLiteral("copy"));
            auto f = tx.frame(6, 4).pixels();
            std::copy(before.begin(), before.end(), f.begin());
            tx.commit();
        }
        imaging::ContourEdit expected(scratch, 6, 4, 3, 0.7);
        const QPointF grab = m_view->framePointAt(QPointF(from));
        const auto vertex = expected.nearestVertex({grab.x(), grab.y()}, 3.0);
        QVERIFY(vertex.has_value());
        const QPointF drop = m_view->framePointAt(QPointF(to));
        expected.moveVertex(*vertex, {drop.x(), drop.y()});
        QVERIFY(expected.apply(scratch));
        const int entries = m_doc->history().undoCount();
        drag({from, from + (to - from) / 2, to});
        QCOMPARE(m_doc->history().undoCount(), entries + 1);
        const auto want = scratch.labels().frame(6, 4).pixels();
        QVERIFY(plane() == std::vector<std::uint8_t>(want.begin(), want.end()));
        QVERIFY(plane() != before);
        QTest::keyClick(m_view.get(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(plane() == before);
        QTest::keyClick(m_view.get(), Qt::Key_B);
    }

    void frameOperationsFromThePalette() {
        // Paint the slices below and above, then interpolate the shown one: one action.
        const int slice = 9, phase = m_view->phase();
        QTest::keyClick(m_view.get(), Qt::Key_B);
        m_editor->setActiveLabel(1);
        m_editor->setBrushRadius(8.0);
        for (int s : {slice - 1, slice + 1}) {
            m_view->showFrame(s, phase);
            const QPoint c = m_view->widgetPointForPixel(s < slice ? 180 : 190, 180).toPoint();
            drag({c, c + QPoint(6, 4)});
        }
        m_view->showFrame(slice, phase);
        const auto before = plane();
        const int entries = m_doc->history().undoCount();
        QVERIFY(m_editor->run(FrameOperations::Operation::InterpolateSlices));
        QCOMPARE(m_doc->history().undoCount(), entries + 1);
        const auto between = plane();
        QVERIFY(std::count(between.begin(), between.end(), 1) >
                std::count(before.begin(), before.end(), 1) + 50);
        QVERIFY(m_doc->labels().at(185, 180, slice, phase) == 1);
        // Copy from the previous phase replaces the frame; undo brings it back.
        QVERIFY(m_editor->run(FrameOperations::Operation::CopyPreviousPhase));
        QVERIFY(plane() != between);
        QVERIFY(m_editor->undo());
        QVERIFY(plane() == between);
    }

    void cleanupTestCase() {
        if (m_editor)
            m_editor->attach(nullptr, nullptr, nullptr);
    }
};

QTEST_MAIN(TestLabelEditor)
#include "tst_LabelEditor.moc"
