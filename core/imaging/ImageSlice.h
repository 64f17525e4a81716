#pragma once

#include <QString>

#include <array>
#include <cstddef>
#include <vector>

namespace cardiolens::imaging {

/// One 2-D greyscale image in physical units (rescale slope/intercept applied),
/// row-major from the top-left pixel, with its geometry.
struct ImageSlice {
    int width = 0;
    int height = 0;
    std::array<double, 2> spacing{1.0, 1.0}; ///< mm per pixel along x (columns) and y (rows).
    std::array<double, 3> origin{0.0, 0.0, 0.0};
    std::vector<float> pixels;
    QString modality;
    QString description;

    bool isEmpty() const { return pixels.empty(); }
    float at(int x, int y) const {
        return pixels[std::size_t(y) * std::size_t(width) + std::size_t(x)];
    }
};

} // namespace cardiolens::imaging
