#pragma once

#include <cstdint>

namespace cardiolens::imaging {

class EditableLabels;

/// Fills the holes of one label in a frame: a hole is a 4-connected region of background
/// that does not reach the frame border and whose every neighbour holds the label. The
/// blood pool inside the myocardium is not a hole of the myocardium (it is not
/// background), and a gap of background between two labels is left alone. One action.
class HoleFill {
public:
    static bool apply(EditableLabels& doc, int slice, int phase, std::uint8_t label);
};

} // namespace cardiolens::imaging
