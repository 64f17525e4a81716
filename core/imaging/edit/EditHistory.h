#pragma once

#include "imaging/edit/EditRecord.h"

#include <cstddef>
#include <deque>
#include <vector>

namespace cardiolens::imaging {

/// Undo and redo stacks of EditRecords with a memory bound: pushing past the bound drops
/// the oldest undo entries (never the one just pushed). A new action clears redo.
class EditHistory {
public:
    static constexpr std::size_t kDefaultLimitBytes = std::size_t(256) << 20;

    void push(EditRecord record);
    /// The entry to undo / redo next, moved to the other stack; nullptr when there is none.
    const EditRecord* takeUndo();
    const EditRecord* takeRedo();
    void clear();

    const EditRecord* nextUndo() const { return m_undo.empty() ? nullptr : &m_undo.back(); }
    const EditRecord* nextRedo() const { return m_redo.empty() ? nullptr : &m_redo.back(); }
    int undoCount() const { return int(m_undo.size()); }
    int redoCount() const { return int(m_redo.size()); }
    /// Memory held by both stacks.
    std::size_t bytes() const { return m_bytes; }
    std::size_t limitBytes() const { return m_limit; }
    /// Sets the bound and drops the oldest entries that no longer fit.
    void setLimitBytes(std::size_t limit);
    /// Entries dropped for the bound since the history was made.
    int droppedCount() const { return m_dropped; }

private:
    void enforceLimit();

    std::deque<EditRecord> m_undo;
    std::vector<EditRecord> m_redo;
    std::size_t m_bytes = 0;
    std::size_t m_limit = kDefaultLimitBytes;
    int m_dropped = 0;
};

} // namespace cardiolens::imaging
