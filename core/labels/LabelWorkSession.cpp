#include "labels/LabelWorkSession.h"

#include "imaging/edit/EditRecord.h"
#include "imaging/edit/EditableLabels.h"
#include "labels/LabelStore.h"
#include "labels/SegmentationRevision.h"

#include <QCoreApplication>
#include <QDateTime>

namespace cardiolens::labels {

Result<std::unique_ptr<LabelWorkSession>>
LabelWorkSession::open(const StoreLocation& location, const CaseDescription& description) {
    auto store = LabelStore::open(location);
    if (!store)
        return store.error();
    auto match = (*store)->ensureCase(description);
    if (!match)
        return match.error();
    if (!match->record)
        return Error{QCoreApplication::translate("LabelWorkSession", "the case was not registered"),
                     location.describe()};
    return std::unique_ptr<LabelWorkSession>(
        new LabelWorkSession(std::move(*store), match->record->id));
}

LabelWorkSession::LabelWorkSession(std::unique_ptr<LabelStore> store, qint64 caseId)
    : m_store(std::move(store)), m_journal(std::make_unique<EditJournal>(*m_store)),
      m_caseId(caseId) {}

LabelWorkSession::~LabelWorkSession() {
    detach();
}

Result<std::optional<RecoveredWork>> LabelWorkSession::pendingRecovery() {
    auto sessions = m_journal->unsaved(m_caseId);
    if (!sessions)
        return sessions.error();
    std::optional<RecoveredWork> newest;
    for (const EditSession& s : *sessions) {
        if (s.id == m_session)
            continue; // ours, open now
        if (s.actionCount == 0) {
            m_journal->close(s.id, {}); // editing began, nothing was done
            continue;
        }
        if (newest && newest->session.updatedMs >= s.updatedMs)
            continue;
        auto work = m_journal->recover(s.id);
        if (!work)
            return work.error();
        newest = std::move(*work);
    }
    return newest;
}

Result<bool> LabelWorkSession::closeRecovered(qint64 sessionId) {
    return m_journal->close(sessionId, {});
}

Result<bool> LabelWorkSession::attach(imaging::EditableLabels* doc, std::optional<qint64> base,
                                      const QString& annotator) {
    if (doc == m_doc)
        return true;
    detach();
    m_doc = doc;
    m_base = base;
    m_annotator = annotator;
    m_accumulated = 0.0;
    if (!doc)
        return true;
    // Direct connections: the slot runs inside the document's commit, before the editor
    // gets historyChanged and shows the action as done.
    using imaging::EditableLabels;
    using imaging::EditRecord;
    m_connections << connect(doc, &EditableLabels::actionApplied, this,
                             [this](const EditRecord& r) { journal(r, {}); });
    m_connections << connect(doc, &EditableLabels::undone, this, [this](const EditRecord& r) {
        journal(r, QCoreApplication::translate("LabelWorkSession", "Undo "));
    });
    m_connections << connect(doc, &EditableLabels::redone, this, [this](const EditRecord& r) {
        journal(r, QCoreApplication::translate("LabelWorkSession", "Redo "));
    });
    return beginSession();
}

void LabelWorkSession::detach() {
    for (const auto& c : m_connections)
        disconnect(c);
    m_connections.clear();
    if (m_session && !m_dirty)
        m_journal->close(m_session, {});
    // A dirty session stays open: it is what recovery offers next time.
    m_session = 0;
    m_doc = nullptr;
    m_active.invalidate();
}

void LabelWorkSession::setEditingActive(bool active) {
    if (active && !m_active.isValid())
        m_active.start();
    else if (!active && m_active.isValid()) {
        m_accumulated += double(m_active.elapsed()) / 1000.0;
        m_active.invalidate();
    }
}

double LabelWorkSession::editSeconds() const {
    return m_accumulated + (m_active.isValid() ? double(m_active.elapsed()) / 1000.0 : 0.0);
}

Result<bool> LabelWorkSession::beginSession() {
    const auto& e = m_doc->extent();
    auto id = m_journal->begin(m_caseId, m_base, m_annotator, e.width, e.height);
    if (!id)
        return id.error();
    m_session = *id;
    m_sessionStartMs = QDateTime::currentMSecsSinceEpoch();
    return true;
}

void LabelWorkSession::journal(const imaging::EditRecord& record, const QString& prefix) {
    setDirty(true);
    if (!m_session) { // discarded earlier, yet editing went on: a new session
        if (auto begun = beginSession(); !begun) {
            Q_EMIT journalFailed(begun.error().describe());
            return;
        }
    }
    JournalAction action{prefix + record.action, {}};
    action.planes.reserve(record.deltas.size());
    for (const auto& d : record.deltas)
        action.planes.push_back(JournalPlane::of(m_doc->labels(), d.slice, d.phase));
    auto appended = m_journal->append(m_session, action);
    if (!appended)
        Q_EMIT journalFailed(appended.error().describe());
}

Result<qint64> LabelWorkSession::save(const QString& comment) {
    if (!m_doc)
        return Error{QCoreApplication::translate("LabelWorkSession", "nothing is being edited"),
                     {}};
    const auto& e = m_doc->extent();
    std::vector<std::uint8_t> touched(std::size_t(e.slices) * std::size_t(e.phases), 0);
    for (int p = 0; p < e.phases; ++p)
        for (int s = 0; s < e.slices; ++s)
            touched[m_doc->labels().volume().frameIndex(s, p)] = m_doc->isTouched(s, p) ? 1 : 0;
    NewRevision r;
    r.caseId = m_caseId;
    r.parentId = m_base;
    r.origin = Origin::annotator(m_annotator);
    r.state = ReviewState::InProgress;
    r.createdMs = m_sessionStartMs;
    r.editSeconds = editSeconds();
    r.comment = comment;
    auto id = m_store->saveSegmentation(r, m_doc->labels(), touched);
    if (!id)
        return id.error();
    if (m_session)
        m_journal->close(m_session, *id);
    m_base = *id;
    m_accumulated = 0.0;
    if (m_active.isValid())
        m_active.restart();
    if (auto begun = beginSession(); !begun)
        Q_EMIT journalFailed(begun.error().describe());
    setDirty(false);
    Q_EMIT saved(*id);
    return *id;
}

Result<bool> LabelWorkSession::discard() {
    if (m_session) {
        auto closed = m_journal->close(m_session, {});
        m_session = 0;
        if (!closed)
            return closed.error();
    }
    setDirty(false);
    return true;
}

void LabelWorkSession::setDirty(bool dirty) {
    if (dirty == m_dirty)
        return;
    m_dirty = dirty;
    Q_EMIT dirtyChanged(dirty);
}

} // namespace cardiolens::labels
