#pragma once

#include <cstdint>
#include <functional>
#include <vector>

namespace cardiolens::imaging {

/// Connected regions of the pixels of a width x height frame that satisfy a predicate.
struct ConnectedRegions {
    enum class Connectivity { Four, Eight };

    /// Per pixel the region index + 1 (0 for pixels outside every region).
    std::vector<int> regionOf;
    /// Pixel count of each region.
    std::vector<int> sizes;
    /// Whether each region reaches the frame's border.
    std::vector<bool> touchesBorder;

    static ConnectedRegions find(const std::uint8_t* pixels, int width, int height,
                                 const std::function<bool(std::uint8_t)>& member,
                                 Connectivity connectivity);
};

} // namespace cardiolens::imaging
