// Label editing in core (no GUI): brush, eraser, threshold brush, polygon/lasso, contour
// edit, holes, islands, frame copies, prediction import, and the undo history (RLE deltas,
// no-op actions, memory bound, journal records). Pixels are checked against independent
// computations; undo is checked byte for byte.
#include "EditTestUtil.h"

#include "imaging/PolygonRasterizer.h"
#include "imaging/edit/BrushStroke.h"
#include "imaging/edit/ContourEdit.h"
#include "imaging/edit/EditableLabels.h"
#include "imaging/edit/FrameClear.h"
#include "imaging/edit/FrameCopy.h"
#include "imaging/edit/HoleFill.h"
#include "imaging/edit/IslandFilter.h"
#include "imaging/edit/PolygonFill.h"
#include "imaging/edit/PredictionImport.h"

#include <QtTest>

#include <cmath>
#include <random>

using namespace cardiolens;
using namespace cardiolens::imaging;
using test::allLabels;
using test::frameCopy;
using test::makeLabels;

namespace {

// An ellipse of semi-axes (rx, ry) pixels at (cx, cy), row by row from its chord width:
// a different computation from the brush's distance test.
std::vector<std::uint8_t> expectedDisc(int w, int h, double cx, double cy, double rx, double ry,
                                       std::uint8_t value) {
    std::vector<std::uint8_t> out(std::size_t(w) * std::size_t(h), 0);
    for (int y = 0; y < h; ++y) {
        const double v = (y - cy) / ry;
        if (v * v > 1.0)
            continue;
        const double half = rx * std::sqrt(1.0 - v * v);
        for (int x = int(std::ceil(cx - half - 1e-9)); x <= int(std::floor(cx + half + 1e-9)); ++x)
            if (x >= 0 && x < w)
                out[std::size_t(y) * std::size_t(w) + std::size_t(x)] = value;
    }
    return out;
}

int countValue(const std::vector<std::uint8_t>& v, std::uint8_t value) {
    return int(std::count(v.begin(), v.end(), value));
}

void stroke(EditableLabels& doc, int slice, int phase, const BrushSettings& s,
            std::initializer_list<Point2> points) {
    BrushStroke b(doc, slice, phase, s);
    for (const Point2& p : points)
        b.moveTo(p);
    b.finish();
}

} // namespace

class TestLabelEditing : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void brushClickPaintsExactDisc_data() {
        QTest::addColumn<double>("cx");
        QTest::addColumn<double>("cy");
        QTest::addColumn<double>("radius");
        QTest::addColumn<bool>("mm");
        QTest::addColumn<double>("sy");
        QTest::newRow("pixels, centre on a pixel") << 20.0 << 15.0 << 5.0 << false << 1.0;
        QTest::newRow("pixels, off-centre") << 20.3 << 15.7 << 4.5 << false << 1.0;
        QTest::newRow("mm, Sunnybrook spacing") << 31.5 << 22.2 << 7.0 << true << 1.367;
        QTest::newRow("mm, anisotropic pixels") << 30.0 << 20.0 << 6.0 << true << 2.0;
        QTest::newRow("clipped at the border") << 1.0 << 2.0 << 6.0 << false << 1.0;
    }
    void brushClickPaintsExactDisc() {
        QFETCH(double, cx);
        QFETCH(double, cy);
        QFETCH(double, radius);
        QFETCH(bool, mm);
        QFETCH(double, sy);
        const double sx = mm ? 1.367 : 1.0;
        EditableLabels doc(makeLabels(64, 48, 2, 3, {sx, sy}));
        BrushSettings s;
        s.radius = radius;
        s.unit = mm ? BrushSettings::Unit::Millimetres : BrushSettings::Unit::Pixels;
        s.value = 3;
        stroke(doc, 1, 2, s, {{cx, cy}});
        const double rx = mm ? radius / sx : radius, ry = mm ? radius / sy : radius;
        const auto expected = expectedDisc(64, 48, cx, cy, rx, ry, 3);
        QVERIFY(countValue(expected, 3) > 10);
        QCOMPARE(frameCopy(doc.labels(), 1, 2), expected);
        // Other frames untouched, one history entry, frame marked as touched.
        QCOMPARE(countValue(allLabels(doc.labels()), 3), countValue(expected, 3));
        QCOMPARE(doc.history().undoCount(), 1);
        QVERIFY(doc.isTouched(1, 2));
        QVERIFY(!doc.isTouched(0, 2));
    }

    void strokeIsOneActionWithoutGaps() {
        EditableLabels doc(makeLabels(80, 60, 1, 1));
        BrushSettings s;
        s.radius = 2.5;
        s.value = 1;
        const std::vector<Point2> path{{10, 10}, {40, 12}, {41, 45}, {70.5, 50.2}};
        {
            BrushStroke b(doc, 0, 0, s);
            for (const Point2& p : path)
                b.moveTo(p);                        // far apart: the stroke must bridge the moves
            QCOMPARE(doc.history().undoCount(), 0); // nothing recorded mid-stroke
            QVERIFY(b.finish());
        }
        QCOMPARE(doc.history().undoCount(), 1);
        // Independent check: distance of each pixel centre to a dense sampling of the path.
        const auto f = frameCopy(doc.labels(), 0, 0);
        int painted = 0;
        for (int y = 0; y < 60; ++y)
            for (int x = 0; x < 80; ++x) {
                double best = 1e9;
                for (std::size_t i = 0; i + 1 < path.size(); ++i)
                    for (int k = 0; k <= 2000; ++k) {
                        const double t = k / 2000.0;
                        const double px = path[i].x + t * (path[i + 1].x - path[i].x);
                        const double py = path[i].y + t * (path[i + 1].y - path[i].y);
                        best = std::min(best, std::hypot(x - px, y - py));
                    }
                const bool on = f[std::size_t(y) * 80 + std::size_t(x)] == 1;
                painted += on;
                if (best < 2.5 - 0.02)
                    QVERIFY2(on, qPrintable(QStringLiteral("gap at %1,%2").arg(x).arg(y)));
                if (best > 2.5 + 0.02)
                    QVERIFY2(!on, qPrintable(QStringLiteral("overpaint at %1,%2").arg(x).arg(y)));
            }
        QVERIFY(painted > 400);
    }

    void paintModesAndEraser() {
        // Left half label 2, right half background.
        auto labels = makeLabels(20, 10, 1, 1);
        for (int y = 0; y < 10; ++y)
            for (int x = 0; x < 10; ++x)
                labels.frame(0, 0).at(x, y) = 2;
        EditableLabels doc(std::move(labels));
        const auto start = frameCopy(doc.labels(), 0, 0);
        const auto disc = expectedDisc(20, 10, 10.0, 5.0, 4.0, 4.0, 1);
        BrushSettings s;
        s.radius = 4.0;
        s.value = 1;
        auto check = [&](auto rule) {
            const auto f = frameCopy(doc.labels(), 0, 0);
            for (std::size_t i = 0; i < f.size(); ++i)
                QCOMPARE(f[i], disc[i] && rule(start[i]) ? std::uint8_t(1) : start[i]);
        };
        s.rule.mode = PaintRule::Mode::OverBackground;
        stroke(doc, 0, 0, s, {{10, 5}});
        check([](std::uint8_t v) { return v == 0; });
        QVERIFY(doc.undo());
        QCOMPARE(frameCopy(doc.labels(), 0, 0), start);
        s.rule = {PaintRule::Mode::InsideLabel, 2};
        stroke(doc, 0, 0, s, {{10, 5}});
        check([](std::uint8_t v) { return v == 2; });
        QVERIFY(doc.undo());
        s.rule = {};
        stroke(doc, 0, 0, s, {{10, 5}});
        check([](std::uint8_t) { return true; });
        // Eraser restricted to label 1 clears what was just painted, nothing of label 2.
        BrushSettings e = s;
        e.value = 0;
        e.radius = 6.0;
        e.rule = {PaintRule::Mode::InsideLabel, 1};
        stroke(doc, 0, 0, e, {{10, 5}});
        const auto f = frameCopy(doc.labels(), 0, 0);
        QCOMPARE(countValue(f, 1), 0);
        for (std::size_t i = 0; i < f.size(); ++i)
            QCOMPARE(f[i], disc[i] ? std::uint8_t(0) : start[i]);
        QCOMPARE(doc.history().undoCount(), 2);
    }

    void thresholdBrushOnSunnybrookFrame() {
        test::SunnybrookCase c;
        if (!test::loadSunnybrook(c))
            QSKIP("shared Sunnybrook data not available");
        auto labels = LabelVolume::like(c.image);
        QVERIFY(labels.ok());
        EditableLabels doc(std::move(*labels));
        const int slice = 5, phase = 0;
        // A range around the blood pool intensity at the centre of the heart.
        BrushSettings s;
        s.radius = 20.0;
        s.unit = BrushSettings::Unit::Millimetres;
        s.value = 1;
        const double centre = c.image.valueAt(128, 110, slice, phase);
        s.threshold = BrushSettings::Range{centre * 0.6, centre * 1.4};
        BrushStroke b(doc, slice, phase, s, &c.image);
        b.moveTo({128, 110});
        QVERIFY(b.finish());
        const auto sp = c.image.geometry().pixelSpacing;
        const auto disc = expectedDisc(256, 256, 128, 110, 20.0 / sp[0], 20.0 / sp[1], 1);
        const auto f = frameCopy(doc.labels(), slice, phase);
        int in = 0, out = 0;
        for (int y = 0; y < 256; ++y)
            for (int x = 0; x < 256; ++x) {
                const std::size_t i = std::size_t(y) * 256 + std::size_t(x);
                const double v = c.image.valueAt(x, y, slice, phase);
                const bool want = disc[i] && v >= s.threshold->lower && v <= s.threshold->upper;
                QCOMPARE(f[i], std::uint8_t(want ? 1 : 0));
                in += want;
                out += disc[i] && !want;
            }
        // The threshold really limited the brush (both kinds of pixel occur).
        QVERIFY(in > 50);
        QVERIFY(out > 50);
    }

    void undoRedoRestoreBytes() {
        test::SunnybrookCase c;
        const bool real = test::loadSunnybrook(c);
        auto labels = real ? std::move(LabelVolume::like(c.image).value())
                           : makeLabels(96, 80, 3, 4, {1.367, 1.367});
        EditableLabels doc(std::move(labels));
        std::vector<std::vector<std::uint8_t>> states{allLabels(doc.labels())};
        BrushSettings s;
        s.radius = 6;
        s.value = 1;
        stroke(doc, 1, 2, s, {{30, 30}, {40, 35}, {50, 50}});
        states.push_back(allLabels(doc.labels()));
        PolygonFill::apply(doc, 1, 2, {{35, 20}, {70, 25}, {60, 70}}, 2, PolygonFill::Mode::Add,
                           {PaintRule::Mode::OverBackground});
        states.push_back(allLabels(doc.labels()));
        FrameCopy::toAllPhases(doc, 1, 2);
        states.push_back(allLabels(doc.labels()));
        s.value = 0;
        stroke(doc, 1, 0, s, {{40, 35}, {60, 40}});
        states.push_back(allLabels(doc.labels()));
        QCOMPARE(doc.history().undoCount(), 4);
        for (std::size_t i = 1; i < states.size(); ++i)
            QVERIFY(states[i] != states[i - 1]);
        for (int i = int(states.size()) - 2; i >= 0; --i) {
            QVERIFY(doc.undo());
            QVERIFY(allLabels(doc.labels()) == states[std::size_t(i)]);
        }
        QVERIFY(!doc.undo());
        QCOMPARE(doc.touchedCount(), 0);
        for (std::size_t i = 1; i < states.size(); ++i) {
            QVERIFY(doc.redo());
            QVERIFY(allLabels(doc.labels()) == states[i]);
        }
        QVERIFY(!doc.redo());
        QVERIFY(doc.isTouched(1, 0) && doc.isTouched(1, 2) && doc.isTouched(1, 3));
        // A new action after an undo drops the redo branch.
        QVERIFY(doc.undo());
        stroke(doc, 0, 0, BrushSettings{}, {{10, 10}});
        QCOMPARE(doc.history().redoCount(), 0);
    }

    void noOpActionsMakeNoEntry() {
        EditableLabels doc(makeLabels(40, 40, 1, 2));
        BrushSettings s;
        s.radius = 5;
        stroke(doc, 0, 0, s, {{20, 20}});
        QCOMPARE(doc.history().undoCount(), 1);
        int signals = 0;
        connect(&doc, &EditableLabels::actionApplied, this, [&] { ++signals; });
        stroke(doc, 0, 0, s, {{20, 20}, {20, 20}}); // paints what is already painted
        s.value = 0;
        stroke(doc, 0, 1, s, {{20, 20}}); // erases nothing
        PolygonFill::apply(doc, 0, 1, {{1, 1}, {9, 1}, {9, 9}}, 1, PolygonFill::Mode::Subtract);
        QVERIFY(!HoleFill::apply(doc, 0, 0, 1)); // a disc has no holes
        QVERIFY(!IslandFilter::keepLargest(doc, 0, 0, 1));
        QVERIFY(!FrameClear::clearLabel(doc, 0, 1, 1));
        QVERIFY(!FrameCopy::copy(doc, 0, 0, 0, 0));
        QCOMPARE(doc.history().undoCount(), 1);
        QCOMPARE(signals, 0);
        QVERIFY(!doc.isTouched(0, 1));
        // A cancelled stroke leaves no trace either.
        BrushStroke b(doc, 0, 1, BrushSettings{});
        b.moveTo({5, 5});
        QVERIFY(doc.labels().at(5, 5, 0, 1) != 0);
        b.cancel();
        QCOMPARE(doc.labels().at(5, 5, 0, 1), std::uint8_t(0));
        QCOMPARE(doc.history().undoCount(), 1);
    }

    void memoryBoundDropsOldest() {
        EditableLabels doc(makeLabels(128, 128, 1, 1));
        BrushSettings s;
        s.radius = 3;
        std::vector<std::vector<std::uint8_t>> states{allLabels(doc.labels())};
        for (int i = 0; i < 40; ++i) {
            s.value = std::uint8_t(1 + i % 3);
            stroke(doc, 0, 0, s, {{5.0 + 3 * i, 10.0}, {5.0 + 3 * i, 100.0}});
            states.push_back(allLabels(doc.labels()));
        }
        QCOMPARE(doc.history().undoCount(), 40);
        const std::size_t full = doc.history().bytes();
        const std::size_t perEntry = full / 40;
        doc.setHistoryLimitBytes(perEntry * 10);
        QVERIFY(doc.history().bytes() <= perEntry * 10);
        const int kept = doc.history().undoCount();
        QVERIFY2(kept >= 7 && kept <= 11, qPrintable(QString::number(kept)));
        QCOMPARE(doc.history().droppedCount(), 40 - kept);
        // The newest entries survive: undoing all of them reaches state 40 - kept, not 0.
        for (int i = 0; i < kept; ++i)
            QVERIFY(doc.undo());
        QVERIFY(!doc.undo());
        QVERIFY(allLabels(doc.labels()) == states[std::size_t(40 - kept)]);
        QVERIFY(states[std::size_t(40 - kept)] != states[0]);
        // Default bound is 256 MB.
        QCOMPARE(EditHistory{}.limitBytes(), std::size_t(256) << 20);
    }

    void polygonToolEqualsRasterizer() {
        std::mt19937 rng(7);
        std::uniform_real_distribution<double> coord(-5.0, 70.0);
        for (int trial = 0; trial < 30; ++trial) {
            Polygon poly;
            const int n = 3 + trial % 9;
            for (int i = 0; i < n; ++i)
                poly.push_back({coord(rng), coord(rng)});
            EditableLabels doc(makeLabels(64, 60, 1, 1));
            PolygonFill::apply(doc, 0, 0, poly, 4);
            Mask2D expected(64, 60);
            PolygonRasterizer::fill(poly, expected, 4);
            QVERIFY(frameCopy(doc.labels(), 0, 0) == expected.values);
            // Subtract with the same outline empties it again.
            PolygonFill::apply(doc, 0, 0, poly, 4, PolygonFill::Mode::Subtract);
            QCOMPARE(countValue(frameCopy(doc.labels(), 0, 0), 4), 0);
        }
    }

    void lassoOnSunnybrookContour() {
        CARDIOLENS_REQUIRE_SHARED(file, "imaging/sunnybrook/contourfiles/SC-HF-I-1/i-contours/"
                                        "IM-0001-0048-icontour-manual.txt");
        auto contour = readSunnybrookContour(file);
        QVERIFY(contour.ok());
        EditableLabels doc(makeLabels(256, 256, 1, 1));
        QVERIFY(PolygonFill::apply(doc, 0, 0, *contour, 1));
        Mask2D expected(256, 256);
        PolygonRasterizer::fill(*contour, expected, 1);
        QVERIFY(frameCopy(doc.labels(), 0, 0) == expected.values);
        QVERIFY(countValue(expected.values, 1) > 300);
    }

    void contourEdit() {
        auto labels = makeLabels(40, 40, 1, 1);
        for (int y = 10; y < 30; ++y)
            for (int x = 10; x < 30; ++x)
                labels.frame(0, 0).at(x, y) = y < 15 ? 2 : 1; // label 1 below a band of 2
        EditableLabels doc(std::move(labels));
        const auto start = frameCopy(doc.labels(), 0, 0);
        ContourEdit edit(doc, 0, 0, 1, 0.0);
        QCOMPARE(int(edit.outlines().size()), 1);
        QVERIFY(!edit.apply(doc)); // unedited: the outline rasterises back exactly
        QCOMPARE(doc.history().undoCount(), 0);
        // Drag the bottom-right corner out to (35, 35).
        auto v = edit.nearestVertex({29.5, 29.5}, 1.0);
        QVERIFY(v.has_value());
        edit.moveVertex(*v, {35.5, 35.5});
        QVERIFY(edit.apply(doc, {PaintRule::Mode::OverBackground}));
        Mask2D expected(40, 40);
        PolygonRasterizer::fill(std::span<const Polygon>(edit.outlines()), expected, 1);
        const auto f = frameCopy(doc.labels(), 0, 0);
        for (std::size_t i = 0; i < f.size(); ++i) {
            const std::uint8_t want = start[i] == 2 ? 2 : expected.values[i];
            QCOMPARE(f[i], want);
        }
        QVERIFY(countValue(f, 1) > countValue(start, 1));
        QVERIFY(doc.undo());
        QVERIFY(frameCopy(doc.labels(), 0, 0) == start);

        // A simplified outline (fewer, draggable vertices) changes only what a drag moved.
        EditableLabels round(makeLabels(60, 60, 1, 1));
        PolygonFill::apply(round, 0, 0, {{30, 8}, {50, 20}, {52, 40}, {30, 52}, {10, 40}, {8, 20}},
                           1);
        const auto roundStart = frameCopy(round.labels(), 0, 0);
        ContourEdit simplified(round, 0, 0, 1, 0.5);
        QVERIFY(simplified.rasterised().values != roundStart); // not exact...
        QVERIFY(!simplified.apply(round)); // ...but an undragged apply is a no-op
        const auto top = simplified.nearestVertex({30, 7.5}, 3.0);
        QVERIFY(top.has_value());
        const Polygon& ring = simplified.outlines()[std::size_t(top->outline)];
        const std::size_t k = std::size_t(top->index), n = ring.size();
        const Point2 was = ring[k], prev = ring[(k + n - 1) % n], next = ring[(k + 1) % n];
        // Only the two edges at the dragged vertex move: changes stay in their box.
        const double lowest = std::max(prev.y, next.y) + 0.5;
        const double left = std::min(prev.x, next.x) - 0.5, right = std::max(prev.x, next.x) + 0.5;
        simplified.moveVertex(*top, {was.x, was.y - 5});
        QVERIFY(simplified.apply(round));
        const auto moved = frameCopy(round.labels(), 0, 0);
        int changed = 0;
        for (int y = 0; y < 60; ++y)
            for (int x = 0; x < 60; ++x)
                if (moved[std::size_t(y) * 60 + std::size_t(x)] !=
                    roundStart[std::size_t(y) * 60 + std::size_t(x)]) {
                    ++changed;
                    QVERIFY2(y <= lowest && x >= left && x <= right,
                             qPrintable(QStringLiteral("%1,%2").arg(x).arg(y)));
                }
        QVERIFY(changed > 10);
    }

    void holesAndIslands() {
        auto labels = makeLabels(30, 30, 1, 1);
        auto f = labels.frame(0, 0);
        for (int y = 5; y < 20; ++y) // a 15x15 square of 1 with a 3x3 hole and a gap
            for (int x = 5; x < 20; ++x)
                f.at(x, y) = 1;
        for (int y = 9; y < 12; ++y)
            for (int x = 9; x < 12; ++x)
                f.at(x, y) = 0; // hole: filled
        f.at(15, 15) = 0;       // one-pixel hole: filled
        f.at(16, 8) = 0;        // hole next to a pixel of label 2: kept
        f.at(17, 8) = 2;
        f.at(25, 25) = 1; // islands: 1 pixel and 2x2
        for (int y = 0; y < 2; ++y)
            for (int x = 0; x < 2; ++x)
                f.at(25 + x, 2 + y) = 1;
        f.at(21, 21) = 1; // touches (20,20)? no: square ends at 19
        EditableLabels doc(std::move(labels));
        QVERIFY(HoleFill::apply(doc, 0, 0, 1));
        QCOMPARE(doc.labels().at(10, 10, 0, 0), std::uint8_t(1));
        QCOMPARE(doc.labels().at(15, 15, 0, 0), std::uint8_t(1));
        QCOMPARE(doc.labels().at(16, 8, 0, 0), std::uint8_t(0));
        QCOMPARE(doc.labels().at(17, 8, 0, 0), std::uint8_t(2));
        const auto afterFill = frameCopy(doc.labels(), 0, 0);
        QCOMPARE(countValue(afterFill, 1), 15 * 15 - 2 + 1 + 4 + 1);
        QVERIFY(IslandFilter::removeSmall(doc, 0, 0, 1, 2));
        QCOMPARE(doc.labels().at(25, 25, 0, 0), std::uint8_t(0));
        QCOMPARE(doc.labels().at(21, 21, 0, 0), std::uint8_t(0));
        QCOMPARE(doc.labels().at(25, 2, 0, 0), std::uint8_t(1));
        QVERIFY(IslandFilter::keepLargest(doc, 0, 0, 1));
        QCOMPARE(doc.labels().at(25, 2, 0, 0), std::uint8_t(0));
        QCOMPARE(countValue(frameCopy(doc.labels(), 0, 0), 1), 15 * 15 - 2);
        QCOMPARE(doc.history().undoCount(), 3);
        QVERIFY(doc.undo() && doc.undo());
        QVERIFY(frameCopy(doc.labels(), 0, 0) == afterFill);
        // Diagonal neighbours are one island (8-connected, as the contour tracer sees it).
        EditableLabels diag(makeLabels(10, 10, 1, 1));
        PolygonFill::apply(diag, 0, 0, {{1.5, 1.5}, {3.5, 1.5}, {3.5, 3.5}, {1.5, 3.5}}, 1);
        PolygonFill::apply(diag, 0, 0, {{3.5, 3.5}, {5.5, 3.5}, {5.5, 5.5}, {3.5, 5.5}}, 1);
        QVERIFY(!IslandFilter::keepLargest(diag, 0, 0, 1));
    }

    void frameCopiesAndClear() {
        EditableLabels doc(makeLabels(20, 20, 3, 4));
        BrushSettings s;
        s.radius = 4;
        stroke(doc, 1, 0, s, {{10, 10}});
        const auto source = frameCopy(doc.labels(), 1, 0);
        QVERIFY(FrameCopy::fromNeighbour(doc, 1, 3, FrameCopy::Neighbour::NextPhase)); // wraps
        QVERIFY(frameCopy(doc.labels(), 1, 3) == source);
        QVERIFY(FrameCopy::fromNeighbour(doc, 2, 0, FrameCopy::Neighbour::PreviousSlice));
        QVERIFY(frameCopy(doc.labels(), 2, 0) == source);
        QVERIFY(!FrameCopy::fromNeighbour(doc, 2, 0, FrameCopy::Neighbour::NextSlice));
        // Propagation is one action and can skip a person's frames.
        BrushSettings dot;
        dot.radius = 1.0;
        stroke(doc, 1, 2, dot, {{1, 1}});
        const auto own = frameCopy(doc.labels(), 1, 2);
        const int before = doc.history().undoCount();
        QVERIFY(FrameCopy::toAllPhases(doc, 1, 0, true));
        QCOMPARE(doc.history().undoCount(), before + 1);
        QVERIFY(frameCopy(doc.labels(), 1, 1) == source);
        QVERIFY(frameCopy(doc.labels(), 1, 2) == own);
        QVERIFY(FrameClear::clearFrame(doc, 1, 1));
        QCOMPARE(countValue(frameCopy(doc.labels(), 1, 1), 0), 400);
    }

    void predictionImportIsOneActionAndNotTouched() {
        auto prediction = makeLabels(16, 16, 2, 3);
        prediction.frame(1, 2).at(3, 4) = 2;
        prediction.frame(0, 0).at(5, 5) = 1;
        EditableLabels doc(makeLabels(16, 16, 2, 3));
        stroke(doc, 0, 0, BrushSettings{}, {{8, 8}});
        QVERIFY(doc.isTouched(0, 0));
        auto r = PredictionImport::apply(doc, prediction);
        QVERIFY(r.ok() && *r);
        QVERIFY(allLabels(doc.labels()) == allLabels(prediction));
        QCOMPARE(doc.touchedCount(), 0);
        QCOMPARE(doc.history().undoCount(), 2);
        QVERIFY(doc.undo());
        QVERIFY(doc.isTouched(0, 0));
        QVERIFY(!PredictionImport::apply(doc, makeLabels(8, 8, 1, 1)).ok());
    }

    void recordsReplayAndSerialize() {
        // What a label store would journal: each record, serialised as it is applied.
        auto initial = makeLabels(50, 40, 2, 2);
        initial.frame(0, 1).at(4, 4) = 3;
        EditableLabels doc(makeLabels(50, 40, 2, 2));
        PredictionImport::apply(doc, initial);
        QList<QByteArray> journal;
        connect(&doc, &EditableLabels::actionApplied, this,
                [&](const EditRecord& r) { journal << r.serialize(); });
        BrushSettings s;
        s.radius = 5;
        stroke(doc, 0, 0, s, {{10, 10}, {30, 20}});
        PolygonFill::apply(doc, 1, 1, {{2, 2}, {40, 5}, {20, 35}}, 2);
        FrameCopy::toAllPhases(doc, 1, 1);
        QCOMPARE(journal.size(), 3);
        // Replaying the journal on the initial labels gives the document's labels.
        for (const QByteArray& bytes : journal) {
            auto record = EditRecord::deserialize(bytes);
            QVERIFY2(record.ok(), qPrintable(record.ok() ? QString() : record.error().message));
            QVERIFY(record->applyTo(initial).ok());
        }
        QVERIFY(allLabels(initial) == allLabels(doc.labels()));
        // Damaged journal entries are refused with a message and change nothing.
        const auto kept = allLabels(initial);
        QVERIFY(!EditRecord::deserialize(journal[0].left(journal[0].size() - 3)).ok());
        QVERIFY(!EditRecord::deserialize(QByteArray("CLEDxxxx")).ok());
        QByteArray corrupt = journal[1];
        corrupt[corrupt.size() - 2] = char(0xff); // a run length that overflows the box
        auto bad = EditRecord::deserialize(corrupt);
        if (bad.ok())
            QVERIFY(!bad->applyTo(initial).ok());
        QVERIFY(allLabels(initial) == kept);
        auto other = makeLabels(10, 10, 1, 1);
        QVERIFY(!EditRecord::deserialize(journal[0])->applyTo(other).ok());
    }
};

QTEST_GUILESS_MAIN(TestLabelEditing)
#include "tst_LabelEditing.moc"
