#include "imaging/edit/SliceInterpolation.h"

#include "imaging/edit/DistanceTransform.h"
#include "imaging/edit/EditableLabels.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace cardiolens::imaging {

namespace {

struct LabelShape {
    std::vector<bool> inside;
    std::vector<float> distance; // signed, mm
    double cx = 0.0, cy = 0.0;
    bool empty = true;
};

LabelShape shapeOf(FrameView<const std::uint8_t> frame, std::uint8_t label,
                   std::array<double, 2> spacing) {
    LabelShape s;
    const int w = frame.width(), h = frame.height();
    s.inside.resize(std::size_t(w) * std::size_t(h));
    double sx = 0.0, sy = 0.0, n = 0.0;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            if (frame.at(x, y) == label) {
                s.inside[std::size_t(y) * std::size_t(w) + std::size_t(x)] = true;
                sx += x;
                sy += y;
                n += 1.0;
            }
    s.empty = n == 0.0;
    if (!s.empty) {
        s.cx = sx / n;
        s.cy = sy / n;
        s.distance = DistanceTransform::signedDistance(s.inside, w, h, spacing);
    }
    return s;
}

// Bilinear sample of a distance map at (x, y); outside the frame the border value plus the
// distance beyond it, so a shifted shape does not wrap or grow at the edges.
float sample(const std::vector<float>& d, int w, int h, double x, double y,
             std::array<double, 2> spacing) {
    const double cx = std::clamp(x, 0.0, double(w - 1)), cy = std::clamp(y, 0.0, double(h - 1));
    const double beyond = std::hypot((x - cx) * spacing[0], (y - cy) * spacing[1]);
    const int x0 = std::min(int(cx), w - 2 < 0 ? 0 : w - 2);
    const int y0 = std::min(int(cy), h - 2 < 0 ? 0 : h - 2);
    const int x1 = std::min(x0 + 1, w - 1), y1 = std::min(y0 + 1, h - 1);
    const double fx = cx - x0, fy = cy - y0;
    auto at = [&](int xx, int yy) {
        return double(d[std::size_t(yy) * std::size_t(w) + xx]);
    };
    const double top = at(x0, y0) * (1 - fx) + at(x1, y0) * fx;
    const double bottom = at(x0, y1) * (1 - fx) + at(x1, y1) * fx;
    return float(top * (1 - fy) + bottom * fy + beyond);
}

} // namespace

std::vector<std::uint8_t> SliceInterpolation::between(FrameView<const std::uint8_t> a,
                                                      FrameView<const std::uint8_t> b, double t,
                                                      std::array<double, 2> spacing,
                                                      const Options& options) {
    const int w = a.width(), h = a.height();
    const std::size_t n = std::size_t(w) * std::size_t(h);
    std::vector<std::uint8_t> out(n, 0);
    if (b.width() != w || b.height() != h || n == 0)
        return out;
    std::array<bool, 256> present{};
    for (std::uint8_t v : a.pixels())
        present[v] = true;
    for (std::uint8_t v : b.pixels())
        present[v] = true;
    std::vector<float> best(n, 0.0f); // deepest (most negative) blended distance so far
    for (int label = 1; label < 256; ++label) {
        if (!present[std::size_t(label)])
            continue;
        const LabelShape sa = shapeOf(a, std::uint8_t(label), spacing);
        const LabelShape sb = shapeOf(b, std::uint8_t(label), spacing);
        // A shape present on one side only fades out towards the other side: it is
        // blended with "far outside everywhere" at its own place.
        const double cx = sa.empty ? sb.cx : (sb.empty ? sa.cx : (1 - t) * sa.cx + t * sb.cx);
        const double cy = sa.empty ? sb.cy : (sb.empty ? sa.cy : (1 - t) * sa.cy + t * sb.cy);
        const bool shift = options.alignCentroids && !sa.empty && !sb.empty;
        const double far = 4.0 * double(w + h) * std::max(spacing[0], spacing[1]);
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                const std::size_t i = std::size_t(y) * std::size_t(w) + std::size_t(x);
                double da = far, db = far;
                if (!sa.empty)
                    da = shift ? sample(sa.distance, w, h, x - (cx - sa.cx), y - (cy - sa.cy),
                                        spacing)
                               : sa.distance[i];
                if (!sb.empty)
                    db = shift ? sample(sb.distance, w, h, x - (cx - sb.cx), y - (cy - sb.cy),
                                        spacing)
                               : sb.distance[i];
                const float d = float((1 - t) * da + t * db);
                if (d < 0.0f && d < best[i]) {
                    best[i] = d;
                    out[i] = std::uint8_t(label);
                }
            }
    }
    return out;
}

bool SliceInterpolation::apply(EditableLabels& doc, int phase, int sliceA, int sliceB,
                               const Options& options) {
    if (sliceA > sliceB)
        std::swap(sliceA, sliceB);
    if (!doc.contains(sliceA, phase) || !doc.contains(sliceB, phase) || sliceB - sliceA < 2)
        return false;
    EditTransaction tx = doc.begin(QStringLiteral("Interpolate slices"));
    const auto a = doc.labels().frame(sliceA, phase);
    const auto b = doc.labels().frame(sliceB, phase);
    const auto spacing = doc.labels().geometry().pixelSpacing;
    for (int s = sliceA + 1; s < sliceB; ++s) {
        if (options.skipTouched && doc.isTouched(s, phase))
            continue;
        const double t = double(s - sliceA) / double(sliceB - sliceA);
        const auto labels = between(a, b, t, spacing, options);
        auto target = tx.frame(s, phase).pixels();
        std::copy(labels.begin(), labels.end(), target.begin());
        tx.changed(s, phase);
    }
    return tx.commit();
}

} // namespace cardiolens::imaging
