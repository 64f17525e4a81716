#pragma once

#include <cstdint>

namespace cardiolens::imaging {

class EditableLabels;

/// Clears a frame, or one label in it. One action.
class FrameClear {
public:
    static bool clearFrame(EditableLabels& doc, int slice, int phase);
    static bool clearLabel(EditableLabels& doc, int slice, int phase, std::uint8_t label);
};

} // namespace cardiolens::imaging
