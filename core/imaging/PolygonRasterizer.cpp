#include "imaging/PolygonRasterizer.h"

#include <algorithm>
#include <cmath>

namespace cardiolens::imaging {

void PolygonRasterizer::fill(const Polygon& polygon, Mask2D& mask, std::uint8_t value) {
    fill(std::span<const Polygon>(&polygon, 1), mask, value);
}

void PolygonRasterizer::fill(std::span<const Polygon> polygons, Mask2D& mask, std::uint8_t value) {
    // Outlines come from files: a non-finite vertex makes the whole request meaningless.
    for (const Polygon& p : polygons)
        for (const Point2& v : p)
            if (!std::isfinite(v.x) || !std::isfinite(v.y))
                return;
    double minY = INFINITY, maxY = -INFINITY;
    for (const Polygon& p : polygons)
        for (const Point2& v : p) {
            minY = std::min(minY, v.y);
            maxY = std::max(maxY, v.y);
        }
    if (!(minY <= maxY) || mask.width <= 0 || mask.height <= 0)
        return;
    // Clamp in double first: outlines read from files may hold huge coordinates.
    const int firstRow = int(std::clamp(std::ceil(minY), 0.0, double(mask.height)));
    const int lastRow = int(std::clamp(std::floor(maxY), -1.0, double(mask.height - 1)));

    std::vector<double> crossings;
    for (int row = firstRow; row <= lastRow; ++row) {
        const double y = row;
        crossings.clear();
        for (const Polygon& p : polygons) {
            const std::size_t n = p.size();
            if (n < 3)
                continue;
            for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
                const Point2& a = p[j];
                const Point2& b = p[i];
                // Half-open in y: an edge counts at its lower-y end and not at its upper-y
                // end, so a vertex on the scanline is crossed once, and horizontal edges
                // never.
                if ((a.y > y) != (b.y > y))
                    crossings.push_back(a.x + (y - a.y) * (b.x - a.x) / (b.y - a.y));
            }
        }
        std::sort(crossings.begin(), crossings.end());
        for (std::size_t k = 0; k + 1 < crossings.size(); k += 2) {
            // Centres with x0 <= x < x1 are inside.
            const double w = mask.width;
            const int from = int(std::clamp(std::ceil(crossings[k]), 0.0, w));
            const int to = int(std::clamp(std::ceil(crossings[k + 1]), 0.0, w));
            std::uint8_t* line = mask.values.data() + std::size_t(row) * std::size_t(mask.width);
            for (int x = from; x < to; ++x)
                line[x] = value;
        }
    }
}

} // namespace cardiolens::imaging
