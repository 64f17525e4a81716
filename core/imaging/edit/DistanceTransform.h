#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace cardiolens::imaging {

/// Exact Euclidean distance transforms of 2-D binary masks (Felzenszwalb & Huttenlocher's
/// lower envelope of parabolas, one pass per axis), with anisotropic pixel spacing.
class DistanceTransform {
public:
    /// Per pixel the distance (in spacing units) to the nearest pixel where \a inside is
    /// true; a large value when there is none.
    static std::vector<float> toNearest(const std::vector<bool>& inside, int width, int height,
                                        std::array<double, 2> spacing);
    /// Signed distance: negative inside (minus the distance to the nearest outside pixel),
    /// positive outside (the distance to the nearest inside pixel), each shifted by half a
    /// pixel so that the zero level lies on the boundary between pixel centres.
    static std::vector<float> signedDistance(const std::vector<bool>& inside, int width, int height,
                                             std::array<double, 2> spacing);
};

} // namespace cardiolens::imaging
