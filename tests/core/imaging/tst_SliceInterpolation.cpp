// Slice interpolation (signed distance, per label): exact on analytic shapes, and MEASURED
// on the Sunnybrook expert contours: each contoured slice is rebuilt from the expert
// contours of the slices above and below and scored (Dice) against its own expert contour.
#include "EditTestUtil.h"

#include "imaging/PolygonRasterizer.h"
#include "imaging/edit/DistanceTransform.h"
#include "imaging/edit/EditableLabels.h"
#include "imaging/edit/SliceInterpolation.h"

#include <QtTest>

#include <cmath>
#include <map>

using namespace cardiolens;
using namespace cardiolens::imaging;

namespace {

std::vector<std::uint8_t> disc(int w, int h, double cx, double cy, double r, std::uint8_t v) {
    std::vector<std::uint8_t> out(std::size_t(w) * std::size_t(h), 0);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            if (std::hypot(x - cx, y - cy) <= r)
                out[std::size_t(y) * std::size_t(w) + std::size_t(x)] = v;
    return out;
}

double dice(const std::vector<std::uint8_t>& a, const std::vector<std::uint8_t>& b,
            std::uint8_t label) {
    double both = 0, na = 0, nb = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        both += a[i] == label && b[i] == label;
        na += a[i] == label;
        nb += b[i] == label;
    }
    return na + nb > 0 ? 2.0 * both / (na + nb) : 1.0;
}

FrameView<const std::uint8_t> view(const std::vector<std::uint8_t>& v, int w, int h) {
    return {v.data(), w, h};
}

} // namespace

class TestSliceInterpolation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void distanceTransformIsExact() {
        // One inside pixel: distances are Euclidean, scaled by the spacing per axis.
        std::vector<bool> inside(20 * 10, false);
        inside[5 * 20 + 7] = true;
        const auto d = DistanceTransform::toNearest(inside, 20, 10, {1.5, 2.0});
        for (int y = 0; y < 10; ++y)
            for (int x = 0; x < 20; ++x)
                QVERIFY(std::abs(d[std::size_t(y) * 20 + std::size_t(x)] -
                                 std::hypot((x - 7) * 1.5, (y - 5) * 2.0)) < 1e-4);
    }

    void endsAreExactAndMidpointIsBetween() {
        const int w = 80, h = 80;
        const auto a = disc(w, h, 40, 40, 10, 1), b = disc(w, h, 40, 40, 20, 1);
        QVERIFY(SliceInterpolation::between(view(a, w, h), view(b, w, h), 0.0, {1, 1}) == a);
        QVERIFY(SliceInterpolation::between(view(a, w, h), view(b, w, h), 1.0, {1, 1}) == b);
        // Concentric circles: the blended distance is the circle of the mean radius.
        const auto mid = SliceInterpolation::between(view(a, w, h), view(b, w, h), 0.5, {1, 1});
        QVERIFY2(dice(mid, disc(w, h, 40, 40, 15, 1), 1) > 0.97,
                 qPrintable(QString::number(dice(mid, disc(w, h, 40, 40, 15, 1), 1))));
        // A circle that moves keeps its size with centroid alignment.
        const auto c = disc(w, h, 25, 40, 8, 2), d = disc(w, h, 55, 40, 8, 2);
        const auto moved = SliceInterpolation::between(view(c, w, h), view(d, w, h), 0.5, {1, 1});
        QVERIFY(dice(moved, disc(w, h, 40, 40, 8, 2), 2) > 0.97);
        SliceInterpolation::Options plain;
        plain.alignCentroids = false; // without it the shapes do not overlap: nothing is left
        const auto gone =
            SliceInterpolation::between(view(c, w, h), view(d, w, h), 0.5, {1, 1}, plain);
        QCOMPARE(int(std::count(gone.begin(), gone.end(), 2)), 0);
    }

    void nestedLabelsStayNested() {
        // Myocardium ring (2) around a blood pool (1) on both slices.
        const int w = 64, h = 64;
        auto ring = [&](double r1, double r2) {
            auto out = disc(w, h, 32, 32, r2, 2);
            const auto inner = disc(w, h, 32, 32, r1, 1);
            for (std::size_t i = 0; i < out.size(); ++i)
                if (inner[i])
                    out[i] = 1;
            return out;
        };
        const auto a = ring(10, 16), b = ring(14, 20);
        const auto mid = SliceInterpolation::between(view(a, w, h), view(b, w, h), 0.5, {1, 1});
        const auto want = ring(12, 18);
        QVERIFY(dice(mid, want, 1) > 0.95);
        QVERIFY(dice(mid, want, 2) > 0.9);
    }

    void documentActionFillsTheSlicesBetween() {
        auto labels = test::makeLabels(48, 48, 5, 2, {1.4, 1.4});
        const auto a = disc(48, 48, 20, 24, 6, 1), b = disc(48, 48, 28, 24, 10, 1);
        std::copy(a.begin(), a.end(), labels.frame(0, 1).pixels().begin());
        std::copy(b.begin(), b.end(), labels.frame(4, 1).pixels().begin());
        EditableLabels doc(std::move(labels));
        QVERIFY(SliceInterpolation::apply(doc, 1, 4, 0));
        QCOMPARE(doc.history().undoCount(), 1);
        for (int s = 1; s < 4; ++s) {
            const auto want =
                SliceInterpolation::between(view(a, 48, 48), view(b, 48, 48), s / 4.0, {1.4, 1.4});
            QVERIFY(test::frameCopy(doc.labels(), s, 1) == want);
            QVERIFY(std::count(want.begin(), want.end(), 1) > 50);
        }
        QCOMPARE(test::frameCopy(doc.labels(), 2, 0), std::vector<std::uint8_t>(48 * 48, 0));
        QVERIFY(!SliceInterpolation::apply(doc, 1, 0, 1)); // adjacent: nothing between
        QVERIFY(doc.undo());
        QCOMPARE(int(std::count(doc.labels().labels().begin(), doc.labels().labels().end(), 1)),
                 int(std::count(a.begin(), a.end(), 1) + std::count(b.begin(), b.end(), 1)));
    }

    void sunnybrookInterpolationDice() {
        test::SunnybrookCase c;
        if (!test::loadSunnybrook(c))
            QSKIP("shared Sunnybrook data not available");
        const int w = c.image.width(), h = c.image.height();
        const auto spacing = c.image.geometry().pixelSpacing;
        // Expert blood pool (inner contour) per (phase, slice).
        std::map<std::pair<int, int>, std::vector<std::uint8_t>> pools;
        for (const FrameContour& fc : c.annotations.contours) {
            if (fc.kind != SunnybrookContourKind::Inner)
                continue;
            Mask2D m(w, h);
            PolygonRasterizer::fill(fc.points, m, 1);
            pools[{fc.phase, fc.slice}] = m.values;
        }
        std::vector<double> scores, plainScores;
        for (const auto& [key, expert] : pools) {
            const auto below = pools.find({key.first, key.second - 1});
            const auto above = pools.find({key.first, key.second + 1});
            if (below == pools.end() || above == pools.end())
                continue;
            const auto got = SliceInterpolation::between(view(below->second, w, h),
                                                         view(above->second, w, h), 0.5, spacing);
            SliceInterpolation::Options plain;
            plain.alignCentroids = false;
            const auto gotPlain = SliceInterpolation::between(
                view(below->second, w, h), view(above->second, w, h), 0.5, spacing, plain);
            scores.push_back(dice(got, expert, 1));
            plainScores.push_back(dice(gotPlain, expert, 1));
            qInfo("phase %d slice %d: Dice %.3f (without centroid alignment %.3f)", key.first,
                  key.second, scores.back(), plainScores.back());
        }
        QVERIFY2(scores.size() >= 4, "too few contoured slice triples");
        double mean = 0.0, plainMean = 0.0;
        for (std::size_t i = 0; i < scores.size(); ++i) {
            mean += scores[i] / double(scores.size());
            plainMean += plainScores[i] / double(scores.size());
        }
        const double worst = *std::min_element(scores.begin(), scores.end());
        qInfo("SCD0000101 blood pool, %d slices interpolated from their neighbours: mean Dice "
              "%.3f, min %.3f (without centroid alignment: mean %.3f)",
              int(scores.size()), mean, worst, plainMean);
        QVERIFY2(mean >= 0.85, qPrintable(QString::number(mean)));
        QVERIFY2(worst >= 0.85, qPrintable(QString::number(worst)));
    }
};

QTEST_GUILESS_MAIN(TestSliceInterpolation)
#include "tst_SliceInterpolation.moc"
