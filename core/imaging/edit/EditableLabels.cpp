#include "imaging/edit/EditableLabels.h"

namespace cardiolens::imaging {

EditableLabels::EditableLabels(LabelVolume labels, QObject* parent)
    : QObject(parent), m_labels(std::move(labels)),
      m_touched(m_labels.extent().frameCount(), false) {}

EditableLabels::~EditableLabels() = default;

bool EditableLabels::contains(int slice, int phase) const {
    const VolumeExtent& e = extent();
    return !m_labels.isEmpty() && slice >= 0 && phase >= 0 && slice < e.slices && phase < e.phases;
}

bool EditableLabels::isTouched(int slice, int phase) const {
    return contains(slice, phase) && m_touched[frameIndex(slice, phase)];
}

int EditableLabels::touchedCount() const {
    return int(std::count(m_touched.begin(), m_touched.end(), true));
}

void EditableLabels::setTouched(int slice, int phase, bool touched) {
    m_touched[frameIndex(slice, phase)] = touched;
}

EditTransaction EditableLabels::begin(const QString& action, TouchPolicy policy) {
    // A second transaction while one is open would snapshot half-edited frames: the caller
    // must finish the first. Returning a closed transaction makes every access a no-op.
    if (m_open || m_labels.isEmpty()) {
        EditTransaction closed(this, action, int(policy));
        closed.m_doc = nullptr;
        return closed;
    }
    m_open = true;
    return EditTransaction(this, action, int(policy));
}

QString EditableLabels::undoText() const {
    const EditRecord* r = m_history.nextUndo();
    return r ? r->action : QString();
}

QString EditableLabels::redoText() const {
    const EditRecord* r = m_history.nextRedo();
    return r ? r->action : QString();
}

void EditableLabels::record(EditRecord record) {
    record.sequence = m_nextSequence++;
    for (const FrameDelta& d : record.deltas)
        setTouched(d.slice, d.phase, d.touchedAfter);
    m_history.push(record);
    Q_EMIT actionApplied(record);
    Q_EMIT historyChanged();
}

void EditableLabels::toggle(const EditRecord& record, bool forward) {
    for (const FrameDelta& d : record.deltas) {
        d.applyTo(m_labels.frame(d.slice, d.phase));
        setTouched(d.slice, d.phase, forward ? d.touchedAfter : d.touchedBefore);
        Q_EMIT frameChanged(d.slice, d.phase);
    }
}

bool EditableLabels::undo() {
    if (!canUndo())
        return false;
    const EditRecord* r = m_history.takeUndo();
    toggle(*r, false);
    Q_EMIT undone(*r);
    Q_EMIT historyChanged();
    return true;
}

bool EditableLabels::redo() {
    if (!canRedo())
        return false;
    const EditRecord* r = m_history.takeRedo();
    toggle(*r, true);
    Q_EMIT redone(*r);
    Q_EMIT historyChanged();
    return true;
}

void EditableLabels::setHistoryLimitBytes(std::size_t bytes) {
    m_history.setLimitBytes(bytes);
    Q_EMIT historyChanged();
}

void EditableLabels::clearHistory() {
    m_history.clear();
    Q_EMIT historyChanged();
}

} // namespace cardiolens::imaging
