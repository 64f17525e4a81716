#include "imaging/Mask2D.h"

#include <algorithm>

namespace cardiolens::imaging {

std::size_t countLabel(const Mask2D& mask, std::uint8_t label) {
    return std::size_t(std::count(mask.values.begin(), mask.values.end(), label));
}

double labelIoU(const Mask2D& a, const Mask2D& b, std::uint8_t label) {
    if (a.width != b.width || a.height != b.height)
        return 0.0;
    std::size_t both = 0, either = 0;
    for (std::size_t i = 0; i < a.values.size(); ++i) {
        const bool inA = a.values[i] == label;
        const bool inB = b.values[i] == label;
        both += (inA && inB) ? 1 : 0;
        either += (inA || inB) ? 1 : 0;
    }
    return either == 0 ? 1.0 : double(both) / double(either);
}

} // namespace cardiolens::imaging
