#pragma once
// Label volumes for store tests: awkward geometry (non-round doubles, an oblique direction,
// trigger times) and frames of every kind (empty, sparse discs, all 256 values).

#include "imaging/LabelVolume.h"

#include <cmath>
#include <cstdint>

namespace cardiolens::test {

inline imaging::LabelVolume syntheticLabels(int width, int height, int slices, int phases) {
    imaging::VolumeGeometry g;
    g.pixelSpacing = {1.3671875, 1.3671875 * 1.0000001};
    g.sliceSpacing = 10.000000000000002;
    g.sliceThickness = 8.0;
    g.origin = {-123.456789012345, 87.65432109876, 0.1 + 0.2};
    const double c = std::cos(0.3), s = std::sin(0.3);
    g.direction = {c, -s, 0, s, c, 0, 0, 0, 1};
    for (int p = 0; p < phases; ++p)
        g.triggerTimesMs.push_back(p * 47.123456789);
    g.frameTimeMs = 47.123456789;
    auto v = imaging::LabelVolume::create({width, height, slices, phases}, g);
    for (int p = 0; p < phases; ++p)
        for (int z = 0; z < slices; ++z) {
            auto f = v->frame(z, p);
            const int kind = (p * slices + z) % 4;
            for (int y = 0; y < height; ++y)
                for (int x = 0; x < width; ++x) {
                    std::uint8_t value = 0;
                    if (kind == 1 || kind == 2) { // two nested discs that move with the phase
                        const double dx = x - width / 2.0 - p, dy = y - height / 2.0 + z;
                        const double r2 = dx * dx + dy * dy, r = width / 5.0;
                        value = r2 < r * r ? 1 : (r2 < 1.6 * r * r ? std::uint8_t(kind) : 0);
                    } else if (kind == 3 && (p + z) % 8 == 3) { // every label value once or more
                        value = std::uint8_t((x * 7 + y * 13 + p) & 0xff);
                    }
                    f.at(x, y) = value;
                }
        }
    return std::move(*v);
}

} // namespace cardiolens::test
