#include "imaging/edit/FrameClear.h"

#include "imaging/edit/EditableLabels.h"

#include <algorithm>

namespace cardiolens::imaging {

bool FrameClear::clearFrame(EditableLabels& doc, int slice, int phase) {
    if (!doc.contains(slice, phase))
        return false;
    EditTransaction tx = doc.begin(QStringLiteral("Clear frame"));
    auto pixels = tx.frame(slice, phase).pixels();
    std::fill(pixels.begin(), pixels.end(), std::uint8_t(0));
    tx.changed(slice, phase);
    return tx.commit();
}

bool FrameClear::clearLabel(EditableLabels& doc, int slice, int phase, std::uint8_t label) {
    if (label == 0 || !doc.contains(slice, phase))
        return false;
    EditTransaction tx = doc.begin(QStringLiteral("Clear label"));
    auto pixels = tx.frame(slice, phase).pixels();
    std::replace(pixels.begin(), pixels.end(), label, std::uint8_t(0));
    tx.changed(slice, phase);
    return tx.commit();
}

} // namespace cardiolens::imaging
