#include "imaging/edit/EditTransaction.h"

#include "imaging/edit/EditableLabels.h"

#include <algorithm>

namespace cardiolens::imaging {

EditTransaction::EditTransaction(EditableLabels* doc, QString action, int policy)
    : m_doc(doc), m_action(std::move(action)), m_policy(policy),
      m_index(doc->extent().frameCount(), 0) {}

EditTransaction::EditTransaction(EditTransaction&& other) noexcept
    : m_doc(std::exchange(other.m_doc, nullptr)), m_action(std::move(other.m_action)),
      m_policy(other.m_policy), m_snapshots(std::move(other.m_snapshots)),
      m_index(std::move(other.m_index)) {}

EditTransaction::~EditTransaction() {
    cancel();
}

EditTransaction::Snapshot& EditTransaction::snapshot(int slice, int phase) {
    const std::size_t index = m_doc->frameIndex(slice, phase);
    if (m_index[index] == 0) {
        const auto live = m_doc->writableFrame(slice, phase).pixels();
        m_snapshots.push_back({slice, phase, std::vector<std::uint8_t>(live.begin(), live.end())});
        m_index[index] = int(m_snapshots.size());
    }
    return m_snapshots[std::size_t(m_index[index] - 1)];
}

FrameView<std::uint8_t> EditTransaction::frame(int slice, int phase) {
    if (!m_doc || !m_doc->contains(slice, phase))
        return {};
    snapshot(slice, phase);
    return m_doc->writableFrame(slice, phase);
}

FrameView<const std::uint8_t> EditTransaction::original(int slice, int phase) {
    if (!m_doc || !m_doc->contains(slice, phase))
        return {};
    const Snapshot& s = snapshot(slice, phase);
    const VolumeExtent& e = m_doc->extent();
    return {s.before.data(), e.width, e.height};
}

void EditTransaction::changed(int slice, int phase) {
    if (m_doc)
        Q_EMIT m_doc->frameChanged(slice, phase);
}

bool EditTransaction::commit() {
    if (!m_doc)
        return false;
    EditRecord record;
    record.action = m_action;
    // Frames in (phase, slice) order whatever order the operation visited them in.
    std::sort(m_snapshots.begin(), m_snapshots.end(), [](const Snapshot& a, const Snapshot& b) {
        return a.phase != b.phase ? a.phase < b.phase : a.slice < b.slice;
    });
    for (const Snapshot& s : m_snapshots) {
        auto live = m_doc->writableFrame(s.slice, s.phase);
        auto delta = FrameDelta::between(
            s.before,
            FrameView<const std::uint8_t>(live.pixels().data(), live.width(), live.height()),
            s.slice, s.phase);
        if (!delta)
            continue;
        delta->touchedBefore = m_doc->isTouched(s.slice, s.phase);
        delta->touchedAfter = m_policy == int(TouchPolicy::MarkTouched);
        record.deltas.push_back(std::move(*delta));
    }
    EditableLabels* doc = std::exchange(m_doc, nullptr);
    m_snapshots.clear();
    doc->transactionClosed();
    if (record.deltas.empty())
        return false;
    doc->record(std::move(record));
    return true;
}

void EditTransaction::cancel() {
    if (!m_doc)
        return;
    EditableLabels* doc = std::exchange(m_doc, nullptr);
    for (const Snapshot& s : m_snapshots) {
        auto live = doc->writableFrame(s.slice, s.phase).pixels();
        if (!std::equal(live.begin(), live.end(), s.before.begin())) {
            std::copy(s.before.begin(), s.before.end(), live.begin());
            Q_EMIT doc->frameChanged(s.slice, s.phase);
        }
    }
    m_snapshots.clear();
    doc->transactionClosed();
}

} // namespace cardiolens::imaging
