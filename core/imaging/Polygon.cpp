#include "imaging/Polygon.h"

#include <cmath>
#include <cstddef>

namespace cardiolens::imaging {

double signedArea(const Polygon& polygon) {
    const std::size_t n = polygon.size();
    if (n < 3)
        return 0.0;
    double twice = 0.0;
    for (std::size_t i = 0, j = n - 1; i < n; j = i++)
        twice += polygon[j].x * polygon[i].y - polygon[i].x * polygon[j].y;
    return 0.5 * twice;
}

double shoelaceArea(const Polygon& polygon) {
    return std::abs(signedArea(polygon));
}

double perimeter(const Polygon& polygon) {
    const std::size_t n = polygon.size();
    if (n < 2)
        return 0.0;
    double length = 0.0;
    for (std::size_t i = 0, j = n - 1; i < n; j = i++)
        length += std::hypot(polygon[i].x - polygon[j].x, polygon[i].y - polygon[j].y);
    return length;
}

Polygon removeCollinear(const Polygon& polygon) {
    const std::size_t n = polygon.size();
    if (n < 4)
        return polygon;
    Polygon out;
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        const Point2& prev = polygon[(i + n - 1) % n];
        const Point2& cur = polygon[i];
        const Point2& next = polygon[(i + 1) % n];
        const double cross =
            (cur.x - prev.x) * (next.y - cur.y) - (cur.y - prev.y) * (next.x - cur.x);
        if (std::abs(cross) > 1e-12)
            out.push_back(cur);
    }
    return out.size() >= 3 ? out : polygon;
}

namespace {
double distanceToSegment(const Point2& p, const Point2& a, const Point2& b) {
    const double dx = b.x - a.x, dy = b.y - a.y;
    const double len2 = dx * dx + dy * dy;
    double t = len2 > 0.0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0.0;
    t = t < 0.0 ? 0.0 : (t > 1.0 ? 1.0 : t);
    return std::hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

// Marks the vertices kept between first and last (exclusive) of an open chain.
void douglasPeucker(const Polygon& pts, std::size_t first, std::size_t last, double tolerance,
                    std::vector<bool>& keep) {
    std::vector<std::pair<std::size_t, std::size_t>> stack{{first, last}};
    while (!stack.empty()) {
        const auto [a, b] = stack.back();
        stack.pop_back();
        double worst = -1.0;
        std::size_t worstIndex = a;
        for (std::size_t i = a + 1; i < b; ++i) {
            const double d =
                distanceToSegment(pts[i % pts.size()], pts[a % pts.size()], pts[b % pts.size()]);
            if (d > worst) {
                worst = d;
                worstIndex = i;
            }
        }
        if (worst > tolerance) {
            keep[worstIndex % pts.size()] = true;
            stack.push_back({a, worstIndex});
            stack.push_back({worstIndex, b});
        }
    }
}
} // namespace

Polygon simplify(const Polygon& polygon, double tolerance) {
    const std::size_t n = polygon.size();
    if (n < 4 || tolerance <= 0.0)
        return polygon;
    // Split the closed outline at vertex 0 and the vertex farthest from it, and simplify
    // both chains; the two split vertices are always kept.
    std::size_t far = 0;
    double farthest = -1.0;
    for (std::size_t i = 1; i < n; ++i) {
        const double d = std::hypot(polygon[i].x - polygon[0].x, polygon[i].y - polygon[0].y);
        if (d > farthest) {
            farthest = d;
            far = i;
        }
    }
    std::vector<bool> keep(n, false);
    keep[0] = keep[far] = true;
    douglasPeucker(polygon, 0, far, tolerance, keep);
    douglasPeucker(polygon, far, n, tolerance, keep);
    Polygon out;
    for (std::size_t i = 0; i < n; ++i)
        if (keep[i])
            out.push_back(polygon[i]);
    return out.size() >= 3 ? out : polygon;
}

} // namespace cardiolens::imaging
