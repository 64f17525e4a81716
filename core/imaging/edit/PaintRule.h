#pragma once

#include <cstdint>

namespace cardiolens::imaging {

/// Which pixels a painting operation may change (ITK-SNAP's "paint over" choice).
struct PaintRule {
    enum class Mode {
        Overwrite,      ///< Every pixel.
        OverBackground, ///< Only background (0) pixels: other labels are protected.
        InsideLabel     ///< Only pixels holding insideLabel.
    };
    Mode mode = Mode::Overwrite;
    std::uint8_t insideLabel = 0;

    bool allows(std::uint8_t current) const {
        switch (mode) {
        case Mode::Overwrite:
            return true;
        case Mode::OverBackground:
            return current == 0;
        case Mode::InsideLabel:
            return current == insideLabel;
        }
        return false;
    }
};

} // namespace cardiolens::imaging
