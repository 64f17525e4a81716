#include "imaging/edit/EditHistory.h"

namespace cardiolens::imaging {

void EditHistory::push(EditRecord record) {
    for (const EditRecord& r : m_redo)
        m_bytes -= r.bytes();
    m_redo.clear();
    m_bytes += record.bytes();
    m_undo.push_back(std::move(record));
    enforceLimit();
}

const EditRecord* EditHistory::takeUndo() {
    if (m_undo.empty())
        return nullptr;
    m_redo.push_back(std::move(m_undo.back()));
    m_undo.pop_back();
    return &m_redo.back();
}

const EditRecord* EditHistory::takeRedo() {
    if (m_redo.empty())
        return nullptr;
    m_undo.push_back(std::move(m_redo.back()));
    m_redo.pop_back();
    return &m_undo.back();
}

void EditHistory::clear() {
    m_undo.clear();
    m_redo.clear();
    m_bytes = 0;
}

void EditHistory::setLimitBytes(std::size_t limit) {
    m_limit = limit;
    enforceLimit();
}

void EditHistory::enforceLimit() {
    // Redo entries go first (they are the least likely to be wanted), then the oldest undo
    // entries; the newest action always stays undoable.
    while (m_bytes > m_limit && !m_redo.empty()) {
        m_bytes -= m_redo.front().bytes();
        m_redo.erase(m_redo.begin());
        ++m_dropped;
    }
    while (m_bytes > m_limit && m_undo.size() > 1) {
        m_bytes -= m_undo.front().bytes();
        m_undo.pop_front();
        ++m_dropped;
    }
}

} // namespace cardiolens::imaging
