#include "labels/EditJournal.h"

#include "labels/LabelStore.h"
#include "labels/SegmentationCodec.h"
#include "labels/StoreSql_p.h"

#include <QDateTime>
#include <QSqlQuery>

#include <cstring>

namespace cardiolens::labels {

using namespace detail;

namespace {
const QString kSessionColumns = QStringLiteral(
    "SELECT s.id, s.case_id, s.base_revision_id, s.annotator, s.width, s.height, s.started_ms, "
    "s.updated_ms, (SELECT COUNT(*) FROM journal_actions a WHERE a.session_id = s.id), "
    "(SELECT a.name FROM journal_actions a WHERE a.session_id = s.id ORDER BY a.seq DESC "
    "LIMIT 1) FROM edit_sessions s ");

EditSession sessionFromQuery(const QSqlQuery& q) {
    EditSession s;
    s.id = q.value(0).toLongLong();
    s.caseId = q.value(1).toLongLong();
    if (!q.value(2).isNull())
        s.baseRevisionId = q.value(2).toLongLong();
    s.annotator = q.value(3).toString();
    s.width = q.value(4).toInt();
    s.height = q.value(5).toInt();
    s.startedMs = q.value(6).toLongLong();
    s.updatedMs = q.value(7).toLongLong();
    s.actionCount = q.value(8).toInt();
    s.lastAction = q.value(9).toString();
    return s;
}
} // namespace

Result<qint64> EditJournal::begin(qint64 caseId, std::optional<qint64> baseRevisionId,
                                  const QString& annotator, int width, int height) {
    if (width <= 0 || height <= 0)
        return fileError(m_store.where(), QStringLiteral("an edit session needs a frame size"));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    return insertReturningId(
        m_store.database(), m_store.where(),
        QStringLiteral("INSERT INTO edit_sessions (case_id, base_revision_id, annotator, width, "
                       "height, started_ms, updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"),
        {caseId,
         baseRevisionId ? QVariant(*baseRevisionId) : QVariant(QMetaType(QMetaType::LongLong)),
         annotator, width, height, now, now});
}

Result<EditSession> EditJournal::session(qint64 sessionId) {
    auto q =
        run(m_store.database(), m_store.where(), kSessionColumns + "WHERE s.id = ?", {sessionId});
    if (!q)
        return q.error();
    if (!q->next())
        return fileError(m_store.where(), QStringLiteral("no edit session %1").arg(sessionId));
    return sessionFromQuery(*q);
}

Result<int> EditJournal::append(qint64 sessionId, const JournalAction& action) {
    QSqlDatabase& db = m_store.database();
    const QString where = m_store.where();
    auto open = run(db, where,
                    QStringLiteral("SELECT width, height, closed_ms FROM edit_sessions "
                                   "WHERE id = ?"),
                    {sessionId});
    if (!open)
        return open.error();
    if (!open->next())
        return fileError(where, QStringLiteral("no edit session %1").arg(sessionId));
    if (!open->value(2).isNull())
        return fileError(where, QStringLiteral("edit session %1 is closed").arg(sessionId));
    const qsizetype planeBytes = qsizetype(open->value(0).toInt()) * open->value(1).toInt();
    std::vector<QByteArray> compressed;
    for (const JournalPlane& p : action.planes) {
        if (p.labels.size() != planeBytes)
            return fileError(where, QStringLiteral("journal plane of %1 bytes, the frames hold %2")
                                        .arg(p.labels.size())
                                        .arg(planeBytes));
        compressed.push_back(SegmentationCodec::compressPlane(
            {reinterpret_cast<const std::uint8_t*>(p.labels.constData()),
             std::size_t(p.labels.size())}));
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    Transaction tx(db, where);
    if (auto s = tx.started(); !s)
        return s.error();
    auto last = run(db, where,
                    QStringLiteral("SELECT COALESCE(MAX(seq), 0) FROM journal_actions "
                                   "WHERE session_id = ?"),
                    {sessionId});
    if (!last)
        return last.error();
    const int seq = last->next() ? last->value(0).toInt() + 1 : 1;
    auto actionId = insertReturningId(
        db, where,
        QStringLiteral("INSERT INTO journal_actions (session_id, seq, name, created_ms) "
                       "VALUES (?, ?, ?, ?) RETURNING id"),
        {sessionId, seq, action.name, now});
    if (!actionId)
        return actionId.error();
    for (std::size_t i = 0; i < action.planes.size(); ++i) {
        auto q = run(db, where,
                     QStringLiteral("INSERT INTO journal_planes (action_id, slice, phase, data) "
                                    "VALUES (?, ?, ?, ?)"),
                     {*actionId, action.planes[i].slice, action.planes[i].phase, compressed[i]});
        if (!q)
            return q.error();
    }
    if (auto q =
            run(db, where, QStringLiteral("UPDATE edit_sessions SET updated_ms = ? WHERE id = ?"),
                {now, sessionId});
        !q)
        return q.error();
    if (auto c = tx.commit(); !c)
        return c.error();
    return seq;
}

Result<std::vector<EditSession>> EditJournal::unsaved(qint64 caseId) {
    auto q =
        caseId > 0
            ? run(m_store.database(), m_store.where(),
                  kSessionColumns + "WHERE s.closed_ms IS NULL AND s.case_id = ? ORDER BY s.id",
                  {caseId})
            : run(m_store.database(), m_store.where(),
                  kSessionColumns + "WHERE s.closed_ms IS NULL ORDER BY s.id");
    if (!q)
        return q.error();
    std::vector<EditSession> out;
    while (q->next())
        out.push_back(sessionFromQuery(*q));
    return out;
}

Result<RecoveredWork> EditJournal::recover(qint64 sessionId) {
    auto s = session(sessionId);
    if (!s)
        return s.error();
    RecoveredWork out;
    out.session = *s;
    // In action order, so the newest plane of each frame wins.
    auto q = run(m_store.database(), m_store.where(),
                 QStringLiteral("SELECT p.slice, p.phase, p.data FROM journal_planes p JOIN "
                                "journal_actions a ON a.id = p.action_id WHERE a.session_id = ? "
                                "ORDER BY a.seq"),
                 {sessionId});
    if (!q)
        return q.error();
    const std::size_t planeBytes = std::size_t(s->width) * std::size_t(s->height);
    while (q->next()) {
        QByteArray plane(qsizetype(planeBytes), Qt::Uninitialized);
        auto ok = SegmentationCodec::decompressPlane(
            q->value(2).toByteArray(), {reinterpret_cast<std::uint8_t*>(plane.data()), planeBytes},
            m_store.where());
        if (!ok)
            return ok.error();
        out.planes[{q->value(0).toInt(), q->value(1).toInt()}] = plane;
    }
    return out;
}

Result<bool> EditJournal::close(qint64 sessionId, std::optional<qint64> savedRevisionId) {
    auto q = run(
        m_store.database(), m_store.where(),
        QStringLiteral("UPDATE edit_sessions SET closed_ms = ?, saved_revision_id = ? "
                       "WHERE id = ? AND closed_ms IS NULL"),
        {QDateTime::currentMSecsSinceEpoch(),
         savedRevisionId ? QVariant(*savedRevisionId) : QVariant(QMetaType(QMetaType::LongLong)),
         sessionId});
    if (!q)
        return q.error();
    if (q->numRowsAffected() != 1)
        return fileError(
            m_store.where(),
            QStringLiteral("edit session %1 is unknown or already closed").arg(sessionId));
    return true;
}

Result<int> RecoveredWork::applyTo(imaging::LabelVolume& labels,
                                   std::vector<std::uint8_t>* touched) const {
    const imaging::VolumeExtent& e = labels.extent();
    if (e.width != session.width || e.height != session.height)
        return fileError({}, QStringLiteral("recovered frames are %1x%2, the labels %3x%4")
                                 .arg(session.width)
                                 .arg(session.height)
                                 .arg(e.width)
                                 .arg(e.height));
    if (touched)
        touched->resize(e.frameCount(), 0);
    int applied = 0;
    for (const auto& [frame, plane] : planes) {
        const auto [slice, phase] = frame;
        if (slice < 0 || slice >= e.slices || phase < 0 || phase >= e.phases)
            return fileError({}, QStringLiteral("recovered frame (slice %1, phase %2) lies "
                                                "outside the labels")
                                     .arg(slice)
                                     .arg(phase));
        auto dst = labels.frame(slice, phase).pixels();
        std::memcpy(dst.data(), plane.constData(), dst.size());
        if (touched)
            (*touched)[labels.volume().frameIndex(slice, phase)] = 1;
        ++applied;
    }
    return applied;
}

} // namespace cardiolens::labels
