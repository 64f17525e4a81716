#pragma once

#include "imaging/LabelVolume.h"
#include "imaging/edit/EditHistory.h"
#include "imaging/edit/EditTransaction.h"

#include <QObject>

#include <vector>

namespace cardiolens::imaging {

/// The document an editor works on: the working labels, per frame whether a person
/// touched it, and the undo history. Every change goes through an EditTransaction (the
/// operations in this folder open one) and becomes ONE EditRecord when committed; a
/// transaction that changed nothing records nothing.
///
/// Signals: frameChanged while pixels change (live, e.g. on every brush move, for display),
/// actionApplied / undone / redone with the record (what a store journals), historyChanged.
class EditableLabels : public QObject {
    Q_OBJECT
public:
    explicit EditableLabels(LabelVolume labels, QObject* parent = nullptr);
    ~EditableLabels() override;

    const LabelVolume& labels() const { return m_labels; }
    const VolumeExtent& extent() const { return m_labels.extent(); }
    bool contains(int slice, int phase) const;

    bool isTouched(int slice, int phase) const;
    int touchedCount() const;

    /// Opens an action. Only one may be open at a time; undo and redo wait for it.
    EditTransaction begin(const QString& action, TouchPolicy policy = TouchPolicy::MarkTouched);
    bool hasOpenTransaction() const { return m_open; }

    bool canUndo() const { return !m_open && m_history.undoCount() > 0; }
    bool canRedo() const { return !m_open && m_history.redoCount() > 0; }
    QString undoText() const;
    QString redoText() const;
    bool undo();
    bool redo();

    const EditHistory& history() const { return m_history; }
    /// Memory bound of the undo history (default 256 MB); the oldest entries go first.
    void setHistoryLimitBytes(std::size_t bytes);
    /// Forgets the history (e.g. after the labels were replaced from a saved revision).
    void clearHistory();
    /// Sequence number the next action will get.
    std::uint64_t nextSequence() const { return m_nextSequence; }

Q_SIGNALS:
    void frameChanged(int slice, int phase);
    void actionApplied(const cardiolens::imaging::EditRecord& record);
    void undone(const cardiolens::imaging::EditRecord& record);
    void redone(const cardiolens::imaging::EditRecord& record);
    void historyChanged();

private:
    friend class EditTransaction;
    FrameView<std::uint8_t> writableFrame(int slice, int phase) {
        return m_labels.frame(slice, phase);
    }
    std::size_t frameIndex(int slice, int phase) const {
        return m_labels.volume().frameIndex(slice, phase);
    }
    void setTouched(int slice, int phase, bool touched);
    void transactionClosed() { m_open = false; }
    void record(EditRecord record);
    void toggle(const EditRecord& record, bool forward);

    LabelVolume m_labels;
    std::vector<bool> m_touched;
    EditHistory m_history;
    std::uint64_t m_nextSequence = 1;
    bool m_open = false;
};

} // namespace cardiolens::imaging
