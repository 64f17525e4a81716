#pragma once

#include <cstdint>
#include <span>

namespace cardiolens::inference {

/// Cleans one 2-D label frame (width x height, row-major) in place, as segmentation
/// networks need: for each label > 0 only its largest 4-connected component is kept (the
/// rest becomes background), then background holes (regions not reaching the border) are
/// filled with the label that surrounds them most.
void keepLargestComponents(std::span<std::uint8_t> labels, int width, int height);
void fillHoles(std::span<std::uint8_t> labels, int width, int height);
inline void postprocessMask(std::span<std::uint8_t> labels, int width, int height) {
    keepLargestComponents(labels, width, height);
    fillHoles(labels, width, height);
}

} // namespace cardiolens::inference
