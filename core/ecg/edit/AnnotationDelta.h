#pragma once

#include "ecg/Annotation.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace cardiolens::ecg {

/// One undoable change to an annotation list: what it removed and what it inserted. Undo
/// applies the inverse. `removedRank` keeps each removed annotation's place among those at
/// the same time, channel and number, so an undo restores the list exactly.
struct AnnotationDelta {
    QString label; ///< What the user did, for the Edit menu ("Relabel 3 beats as V").
    std::vector<Annotation> removed;
    std::vector<Annotation> inserted;
    std::vector<std::uint32_t> removedRank; ///< Filled when applied.

    bool isEmpty() const { return removed.empty() && inserted.empty(); }
    /// Bytes held, for the history's memory bound.
    std::size_t bytes() const;
    AnnotationDelta inverse() const;
};

} // namespace cardiolens::ecg
