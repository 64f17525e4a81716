#pragma once
// The edit sequence the crash test's child performs and the test replays: action n paints
// a disc of label (n % 3) + 1 into frame (n % slices, (n / slices) % phases). Deterministic,
// so the test knows the planes after any number of actions.

#include "imaging/LabelVolume.h"
#include "labels/EditJournal.h"

namespace cardiolens::test {

inline labels::JournalAction journalScriptAction(imaging::LabelVolume& labels, int n) {
    const imaging::VolumeExtent& e = labels.extent();
    const int slice = n % e.slices, phase = (n / e.slices) % e.phases;
    auto f = labels.frame(slice, phase);
    const int cx = (n * 17) % e.width, cy = (n * 29) % e.height, r = 3 + n % 7;
    for (int y = 0; y < e.height; ++y)
        for (int x = 0; x < e.width; ++x)
            if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r)
                f.at(x, y) = std::uint8_t(n % 3 + 1);
    const auto px = f.pixels();
    return {QStringLiteral("Brush %1").arg(n),
            {{slice, phase,
              QByteArray(reinterpret_cast<const char*>(px.data()), qsizetype(px.size()))}}};
}

} // namespace cardiolens::test
