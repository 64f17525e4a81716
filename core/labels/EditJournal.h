#pragma once

#include "common/Result.h"
#include "imaging/LabelVolume.h"

#include <QByteArray>
#include <QString>

#include <map>
#include <optional>
#include <utility>
#include <vector>

namespace cardiolens::labels {

class LabelStore;

/// One frame's labels AFTER an action: width x height bytes, uncompressed.
struct JournalPlane {
    int slice = 0;
    int phase = 0;
    QByteArray labels;

    /// A copy of frame (slice, phase) of \a volume.
    static JournalPlane of(const imaging::LabelVolume& volume, int slice, int phase) {
        const auto px = volume.frame(slice, phase).pixels();
        return {slice, phase,
                QByteArray(reinterpret_cast<const char*>(px.data()), qsizetype(px.size()))};
    }
};

/// One editor action as journaled: a name for the user ("Brush", "Fill holes") and the
/// frames it changed, as they are after it. Full planes (compressed in the store, a few
/// hundred bytes each) rather than deltas: recovery then needs nothing but the journal.
struct JournalAction {
    QString name;
    std::vector<JournalPlane> planes;
};

/// An edit session: unsaved work on one case, started from a revision (or from nothing).
struct EditSession {
    qint64 id = 0;
    qint64 caseId = 0;
    std::optional<qint64> baseRevisionId;
    QString annotator;
    int width = 0;
    int height = 0;
    qint64 startedMs = 0;
    qint64 updatedMs = 0;
    int actionCount = 0;
    QString lastAction;
};

/// What a crashed session left: the newest plane of every frame its actions changed.
struct RecoveredWork {
    EditSession session;
    std::map<std::pair<int, int>, QByteArray> planes; ///< (slice, phase) -> labels.

    /// Writes the planes into \a labels (the base revision's labels, or an empty volume
    /// of the case's grid) and sets their touched flags (frameIndex order, resized when
    /// needed). Returns the number of frames restored.
    Result<int> applyTo(imaging::LabelVolume& labels, std::vector<std::uint8_t>* touched) const;
};

/// Crash-safe journal of editor actions, kept in the label store (schema v2). The editor
/// calls append() for each action and shows the action as done only after it returns:
/// the action is then committed (SQLite: WAL with synchronous=FULL, fsync'd; PostgreSQL:
/// a committed transaction). After a crash, unsaved() lists the sessions that were never
/// closed and recover() rebuilds their frames: at most the action in flight is lost.
class EditJournal {
public:
    explicit EditJournal(LabelStore& store) : m_store(store) {}

    /// Starts a session on a case whose frames are \a width x \a height.
    Result<qint64> begin(qint64 caseId, std::optional<qint64> baseRevisionId,
                         const QString& annotator, int width, int height);
    /// Journals one action durably; returns its sequence number (1, 2, ...).
    Result<int> append(qint64 sessionId, const JournalAction& action);
    /// Sessions of \a caseId (or of every case, when 0) that were never closed.
    Result<std::vector<EditSession>> unsaved(qint64 caseId = 0);
    Result<RecoveredWork> recover(qint64 sessionId);
    /// Ends a session: saved as \a savedRevisionId, or discarded when none. Its journal
    /// stays in the store (history is never destroyed) but is no longer offered.
    Result<bool> close(qint64 sessionId, std::optional<qint64> savedRevisionId);

private:
    Result<EditSession> session(qint64 sessionId);

    LabelStore& m_store;
};

} // namespace cardiolens::labels
