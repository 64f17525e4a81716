#include "imaging/edit/FrameCopy.h"

#include "imaging/edit/EditableLabels.h"

#include <algorithm>

namespace cardiolens::imaging {

bool FrameCopy::copy(EditableLabels& doc, int slice, int phase, int sourceSlice, int sourcePhase) {
    if (!doc.contains(slice, phase) || !doc.contains(sourceSlice, sourcePhase) ||
        (slice == sourceSlice && phase == sourcePhase))
        return false;
    EditTransaction tx = doc.begin(QStringLiteral("Copy frame"));
    const auto source = doc.labels().frame(sourceSlice, sourcePhase).pixels();
    auto target = tx.frame(slice, phase).pixels();
    std::copy(source.begin(), source.end(), target.begin());
    tx.changed(slice, phase);
    return tx.commit();
}

bool FrameCopy::fromNeighbour(EditableLabels& doc, int slice, int phase, Neighbour neighbour) {
    const VolumeExtent& e = doc.extent();
    int s = slice, p = phase;
    switch (neighbour) {
    case Neighbour::PreviousPhase:
        p = (phase + e.phases - 1) % e.phases;
        break;
    case Neighbour::NextPhase:
        p = (phase + 1) % e.phases;
        break;
    case Neighbour::PreviousSlice:
        s = slice - 1;
        break;
    case Neighbour::NextSlice:
        s = slice + 1;
        break;
    }
    return copy(doc, slice, phase, s, p);
}

bool FrameCopy::toAllPhases(EditableLabels& doc, int slice, int phase, bool skipTouched) {
    if (!doc.contains(slice, phase))
        return false;
    EditTransaction tx = doc.begin(QStringLiteral("Propagate to all phases"));
    const auto source = doc.labels().frame(slice, phase).pixels();
    for (int p = 0; p < doc.extent().phases; ++p) {
        if (p == phase || (skipTouched && doc.isTouched(slice, p)))
            continue;
        auto target = tx.frame(slice, p).pixels();
        std::copy(source.begin(), source.end(), target.begin());
        tx.changed(slice, p);
    }
    return tx.commit();
}

} // namespace cardiolens::imaging
