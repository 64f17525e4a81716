#pragma once

#include <QString>

#include <cstdint>
#include <vector>

namespace cardiolens::imaging {
class EditableLabels;
}

namespace cardiolens::widgets {

/// The one-click operations of the Edit palette (Slicer's Islands / Logical operators,
/// ITK-SNAP's interpolation), each one core call = one undoable action on the shown frame.
class FrameOperations {
public:
    enum class Operation {
        FillHoles,
        KeepLargestIsland,
        RemoveSmallIslands,
        CopyPreviousPhase,
        CopyNextPhase,
        CopyPreviousSlice,
        CopyNextSlice,
        PropagateToAllPhases,
        InterpolateSlices,
        ClearLabel,
        ClearFrame,
    };

    static std::vector<Operation> all();
    static QString title(Operation op);
    /// Runs \a op on frame (slice, phase) for \a label; false when nothing changed (or, for
    /// InterpolateSlices, when no edited slice lies on both sides of \a slice).
    static bool run(Operation op, imaging::EditableLabels& doc, int slice, int phase,
                    std::uint8_t label);
};

} // namespace cardiolens::widgets
