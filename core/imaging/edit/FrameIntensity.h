#pragma once

#include <vector>

namespace cardiolens::imaging {

class CineVolume;

/// The image values of frame (slice, phase) as floats, row-major (RGB as Rec. 601 luma,
/// like CineVolume::valueAt): what threshold-limited tools compare against.
std::vector<float> frameIntensity(const CineVolume& image, int slice, int phase);

} // namespace cardiolens::imaging
