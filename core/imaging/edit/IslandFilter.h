#pragma once

#include <cstdint>

namespace cardiolens::imaging {

class EditableLabels;

/// Island removal for one label in a frame (Slicer's Islands effect). Islands are
/// 8-connected, as MaskContourTracer outlines them; removed pixels become background.
class IslandFilter {
public:
    /// Keeps only the largest island of \a label (the first found on a tie).
    static bool keepLargest(EditableLabels& doc, int slice, int phase, std::uint8_t label);
    /// Removes the islands of \a label smaller than \a minPixels.
    static bool removeSmall(EditableLabels& doc, int slice, int phase, std::uint8_t label,
                            int minPixels);
};

} // namespace cardiolens::imaging
