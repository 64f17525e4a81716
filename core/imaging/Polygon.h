#pragma once

#include <vector>

namespace cardiolens::imaging {

/// A point in pixel coordinates (x to the right, y down; integer values are pixel centres).
struct Point2 {
    double x = 0.0;
    double y = 0.0;
};

/// A closed polygon: the last vertex connects back to the first (it is not repeated).
using Polygon = std::vector<Point2>;

/// Shoelace area, positive when the vertices run counter-clockwise in (x, y) axes
/// (which is clockwise on screen, y pointing down).
double signedArea(const Polygon& polygon);
/// |signedArea|.
double shoelaceArea(const Polygon& polygon);
/// Length of the closed outline.
double perimeter(const Polygon& polygon);

/// Drops vertices that lie on the straight line through their neighbours (exactly).
Polygon removeCollinear(const Polygon& polygon);
/// Douglas-Peucker simplification of a closed polygon: no dropped vertex lies farther than
/// \a tolerance (pixels) from the simplified outline.
Polygon simplify(const Polygon& polygon, double tolerance);

} // namespace cardiolens::imaging
