#pragma once

#include "common/Result.h"
#include "imaging/edit/FrameDelta.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <vector>

namespace cardiolens::imaging {

class LabelVolume;

/// One user action on the working labels: its name ("Brush", "Fill holes", ...) and the
/// deltas of the frames it changed. This is the unit of undo and the unit a label store
/// journals: serialize() is compact and self-describing, and applyTo() replays it.
struct EditRecord {
    std::uint64_t sequence = 0; ///< Increasing per document; identifies the action.
    QString action;
    std::vector<FrameDelta> deltas;

    /// Memory held (the history's bound counts this).
    std::size_t bytes() const;
    std::size_t changedPixels() const;

    /// Binary form: "CLED", version, sequence, action (UTF-8), then per delta slice, phase,
    /// box, touched flags and the RLE stream; little-endian, lengths prefixed.
    QByteArray serialize() const;
    /// Reads serialize()'s output; refuses truncated or inconsistent data with an error.
    static Result<EditRecord> deserialize(const QByteArray& bytes);

    /// Toggles every frame it names (see FrameDelta): replays the action on the labels it
    /// was made on, or undoes it on the labels it produced. Checks every delta against
    /// \a labels first and writes nothing when one does not fit.
    Result<bool> applyTo(LabelVolume& labels) const;
};

} // namespace cardiolens::imaging
