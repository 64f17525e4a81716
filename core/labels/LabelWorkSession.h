#pragma once

#include "common/Result.h"
#include "labels/CaseRecord.h"
#include "labels/EditJournal.h"
#include "labels/Revision.h"
#include "labels/StoreLocation.h"

#include <QElapsedTimer>
#include <QObject>

#include <memory>
#include <optional>

namespace cardiolens::imaging {
class EditableLabels;
struct EditRecord;
} // namespace cardiolens::imaging

namespace cardiolens::labels {

class LabelStore;

/// The link between an editor's working labels and the label store for one case. Every
/// applied action (and every undo or redo) is journaled synchronously, in the slot of the
/// document's signal, so it is durable before the editor shows it as done; save() stores
/// the working labels as a revision with provenance and closes the journal session;
/// pendingRecovery() finds the work a crashed editor left. No widgets: the GUI asks.
class LabelWorkSession : public QObject {
    Q_OBJECT
public:
    /// Opens (creates) the store and registers the case with ensureCase.
    static Result<std::unique_ptr<LabelWorkSession>> open(const StoreLocation& location,
                                                          const CaseDescription& description);
    ~LabelWorkSession() override;

    LabelStore& store() { return *m_store; }
    qint64 caseId() const { return m_caseId; }

    /// The newest unsaved journal session of the case that holds actions (sessions without
    /// any are closed on the way), recovered; none when nothing is pending.
    Result<std::optional<RecoveredWork>> pendingRecovery();
    /// Closes a recovered (or declined) session; its journal stays in the store.
    Result<bool> closeRecovered(qint64 sessionId);

    /// Starts journaling \a doc (not owned) as the work of \a annotator; its labels came
    /// from \a base (a revision, or none: dataset labels / nothing).
    Result<bool> attach(imaging::EditableLabels* doc, std::optional<qint64> base,
                        const QString& annotator);
    /// Stops journaling, discarding the open session when nothing was done.
    void detach();
    imaging::EditableLabels* document() const { return m_doc; }
    /// Edit time counts only while the editor is active.
    void setEditingActive(bool active);

    bool isDirty() const { return m_dirty; }
    std::optional<qint64> baseRevision() const { return m_base; }
    /// The labels now derive from \a revision (after "revert to").
    void setBaseRevision(std::optional<qint64> revision) { m_base = revision; }
    void setAnnotator(const QString& name) { m_annotator = name; }
    QString annotator() const { return m_annotator; }
    /// Seconds the editor was active since the last save.
    double editSeconds() const;
    qint64 journalSession() const { return m_session; }

    /// Stores the working labels (touched flags per frame) as an in-progress revision by
    /// the annotator, child of the base revision; closes the journal session and opens the
    /// next one. Returns the revision id.
    Result<qint64> save(const QString& comment = {});
    /// Drops the unsaved work's claim: the journal session is closed as discarded.
    Result<bool> discard();

Q_SIGNALS:
    void dirtyChanged(bool dirty);
    void saved(qint64 revisionId);
    /// An action could not be journaled (the store failed): the work is at risk.
    void journalFailed(const QString& message);

private:
    LabelWorkSession(std::unique_ptr<LabelStore> store, qint64 caseId);
    void journal(const imaging::EditRecord& record, const QString& prefix);
    Result<bool> beginSession();
    void setDirty(bool dirty);

    std::unique_ptr<LabelStore> m_store;
    std::unique_ptr<EditJournal> m_journal;
    qint64 m_caseId = 0;
    imaging::EditableLabels* m_doc = nullptr;
    std::optional<qint64> m_base;
    QString m_annotator;
    qint64 m_session = 0;
    qint64 m_sessionStartMs = 0;
    bool m_dirty = false;
    double m_accumulated = 0.0;
    QElapsedTimer m_active;
    QList<QMetaObject::Connection> m_connections;
};

} // namespace cardiolens::labels
