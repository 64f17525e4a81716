#pragma once

#include <cstdint>

namespace cardiolens::imaging {

class EditableLabels;

/// Copies labels between frames (ITK-SNAP's "copy segmentation from previous slice",
/// Slicer's propagation). Each call is one action.
class FrameCopy {
public:
    enum class Neighbour { PreviousPhase, NextPhase, PreviousSlice, NextSlice };

    /// The labels of (sourceSlice, sourcePhase) replace those of (slice, phase).
    static bool copy(EditableLabels& doc, int slice, int phase, int sourceSlice, int sourcePhase);
    /// From a neighbouring frame. Phases wrap around (a cine is a cycle), slices do not:
    /// false at the first / last slice.
    static bool fromNeighbour(EditableLabels& doc, int slice, int phase, Neighbour neighbour);
    /// The labels of (slice, phase) copied to every other phase of that slice.
    /// \a skipTouched leaves frames a person already edited alone.
    static bool toAllPhases(EditableLabels& doc, int slice, int phase, bool skipTouched = false);
};

} // namespace cardiolens::imaging
