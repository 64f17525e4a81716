#pragma once

#include "imaging/Mask2D.h"
#include "imaging/Polygon.h"

#include <cstdint>
#include <span>

namespace cardiolens::imaging {

/// Rasterises polygons into a mask with the pixel-centre convention: pixel (x, y) is set
/// when its centre, the point (x, y) in contour coordinates, lies inside. Inside means an
/// odd number of outline crossings (even-odd rule), so passing an outer outline together
/// with hole outlines fills a ring. A centre exactly on the outline is decided by a
/// half-open rule (edges on the left and top of the region are inside, those on the right
/// and bottom outside), so polygons that tile the plane cover each pixel exactly once.
/// The pixel count then equals the shoelace area up to about half the perimeter.
class PolygonRasterizer {
public:
    /// Sets the pixels inside \a polygon to \a value; other pixels are left as they are.
    static void fill(const Polygon& polygon, Mask2D& mask, std::uint8_t value);
    /// Same for the even-odd union of several outlines (outer outlines and holes).
    static void fill(std::span<const Polygon> polygons, Mask2D& mask, std::uint8_t value);
};

} // namespace cardiolens::imaging
