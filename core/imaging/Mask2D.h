#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace cardiolens::imaging {

/// A 2-D label image: width x height values, row-major from the top-left pixel. Pixel
/// (x, y) covers [x - 0.5, x + 0.5] x [y - 0.5, y + 0.5] in contour coordinates: its centre
/// lies on integer coordinates, as in ITK/DICOM index space.
struct Mask2D {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> values;

    Mask2D() = default;
    Mask2D(int w, int h, std::uint8_t fill = 0)
        : width(w), height(h), values(std::size_t(w) * std::size_t(h), fill) {}

    bool contains(int x, int y) const { return x >= 0 && y >= 0 && x < width && y < height; }
    std::uint8_t at(int x, int y) const {
        return values[std::size_t(y) * std::size_t(width) + std::size_t(x)];
    }
    std::uint8_t& at(int x, int y) {
        return values[std::size_t(y) * std::size_t(width) + std::size_t(x)];
    }
};

/// Number of pixels holding \a label.
std::size_t countLabel(const Mask2D& mask, std::uint8_t label);

/// Intersection over union of the \a label regions of two masks of equal size
/// (1 when both are empty, 0 when sizes differ).
double labelIoU(const Mask2D& a, const Mask2D& b, std::uint8_t label);

} // namespace cardiolens::imaging
