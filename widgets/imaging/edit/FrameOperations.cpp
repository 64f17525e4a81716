#include "imaging/edit/FrameOperations.h"

#include "imaging/edit/EditableLabels.h"
#include "imaging/edit/FrameClear.h"
#include "imaging/edit/FrameCopy.h"
#include "imaging/edit/HoleFill.h"
#include "imaging/edit/IslandFilter.h"
#include "imaging/edit/SliceInterpolation.h"

#include <QCoreApplication>

namespace cardiolens::widgets {

using imaging::FrameCopy;

namespace {
constexpr int kSmallIslandPixels = 10;

// The nearest slices below and above \a slice that a person edited at \a phase.
bool editedNeighbours(const imaging::EditableLabels& doc, int slice, int phase, int& below,
                      int& above) {
    below = slice - 1;
    while (below >= 0 && !doc.isTouched(below, phase))
        --below;
    above = slice + 1;
    while (above < doc.extent().slices && !doc.isTouched(above, phase))
        ++above;
    return below >= 0 && above < doc.extent().slices;
}
} // namespace

std::vector<FrameOperations::Operation> FrameOperations::all() {
    return {Operation::FillHoles,          Operation::KeepLargestIsland,
            Operation::RemoveSmallIslands, Operation::CopyPreviousPhase,
            Operation::CopyNextPhase,      Operation::CopyPreviousSlice,
            Operation::CopyNextSlice,      Operation::PropagateToAllPhases,
            Operation::InterpolateSlices,  Operation::ClearLabel,
            Operation::ClearFrame};
}

QString FrameOperations::title(Operation op) {
    const char* text = "";
    switch (op) {
    case Operation::FillHoles:
        text = QT_TRANSLATE_NOOP("FrameOperations", "Fill holes of the label");
        break;
    case Operation::KeepLargestIsland:
        text = QT_TRANSLATE_NOOP("FrameOperations", "Keep the largest island");
        break;
    case Operation::RemoveSmallIslands:
        text = QT_TRANSLATE_NOOP("FrameOperations", "Remove islands under 10 pixels");
        break;
    case Operation::CopyPreviousPhase:
        text = QT_TRANSLATE_NOOP("FrameOperations", "Copy from the previous phase");
        break;
    case Operation::CopyNextPhase:
        text = QT_TRANSLATE_NOOP("FrameOperations", "Copy from the next phase");
        break;
    case Operation::CopyPreviousSlice:
        text = QT_TRANSLATE_NOOP("FrameOperations", "Copy from the slice below");
        break;
    case Operation::CopyNextSlice:
        text = QT_TRANSLATE_NOOP("FrameOperations", "Copy from the slice above");
        break;
    case Operation::PropagateToAllPhases:
        text = QT_TRANSLATE_NOOP("FrameOperations", "Propagate to all phases of the slice");
        break;
    case Operation::InterpolateSlices:
        text = QT_TRANSLATE_NOOP("FrameOperations",
                                 "Interpolate between the edited slices around this one");
        break;
    case Operation::ClearLabel:
        text = QT_TRANSLATE_NOOP("FrameOperations", "Clear the label on this frame");
        break;
    case Operation::ClearFrame:
        text = QT_TRANSLATE_NOOP("FrameOperations", "Clear this frame");
        break;
    }
    return QCoreApplication::translate("FrameOperations", text);
}

bool FrameOperations::run(Operation op, imaging::EditableLabels& doc, int slice, int phase,
                          std::uint8_t label) {
    switch (op) {
    case Operation::FillHoles:
        return imaging::HoleFill::apply(doc, slice, phase, label);
    case Operation::KeepLargestIsland:
        return imaging::IslandFilter::keepLargest(doc, slice, phase, label);
    case Operation::RemoveSmallIslands:
        return imaging::IslandFilter::removeSmall(doc, slice, phase, label, kSmallIslandPixels);
    case Operation::CopyPreviousPhase:
        return FrameCopy::fromNeighbour(doc, slice, phase, FrameCopy::Neighbour::PreviousPhase);
    case Operation::CopyNextPhase:
        return FrameCopy::fromNeighbour(doc, slice, phase, FrameCopy::Neighbour::NextPhase);
    case Operation::CopyPreviousSlice:
        return FrameCopy::fromNeighbour(doc, slice, phase, FrameCopy::Neighbour::PreviousSlice);
    case Operation::CopyNextSlice:
        return FrameCopy::fromNeighbour(doc, slice, phase, FrameCopy::Neighbour::NextSlice);
    case Operation::PropagateToAllPhases:
        return FrameCopy::toAllPhases(doc, slice, phase, true);
    case Operation::InterpolateSlices: {
        int below = 0, above = 0;
        // Slices a person edited in between keep their work.
        imaging::SliceInterpolation::Options options;
        options.skipTouched = true;
        return editedNeighbours(doc, slice, phase, below, above) &&
               imaging::SliceInterpolation::apply(doc, phase, below, above, options);
    }
    case Operation::ClearLabel:
        return imaging::FrameClear::clearLabel(doc, slice, phase, label);
    case Operation::ClearFrame:
        return imaging::FrameClear::clearFrame(doc, slice, phase);
    }
    return false;
}

} // namespace cardiolens::widgets
