// LabelStore: revisions and their payloads (append-only).
#include "labels/LabelStore.h"

#include "labels/SegmentationCodec.h"
#include "labels/StoreSql_p.h"

#include <QDateTime>
#include <QStringList>

#include <QSqlQuery>
#include <algorithm>

namespace cardiolens::labels {

using namespace detail;
using imaging::LabelVolume;

namespace {
const QString kRevisionColumns =
    QStringLiteral("SELECT id, case_id, parent_id, kind, origin_type, origin, manifest_hash, "
                   "review_state, created_ms, saved_ms, edit_seconds, comment, deleted "
                   "FROM revisions ");

Result<RevisionInfo> revisionFromQuery(const QSqlQuery& q, const QString& where) {
    RevisionInfo r;
    r.id = q.value(0).toLongLong();
    r.caseId = q.value(1).toLongLong();
    if (!q.value(2).isNull())
        r.parentId = q.value(2).toLongLong();
    const auto kind = revisionKindFromName(q.value(3).toString());
    const auto type = originTypeFromName(q.value(4).toString());
    const auto state = reviewStateFromName(q.value(7).toString());
    if (!kind || !type || !state)
        return fileError(where, QStringLiteral("revision %1 has an unknown kind, origin or state "
                                               "(written by a newer Cardiolens?)")
                                    .arg(r.id));
    r.kind = *kind;
    r.origin = {*type, q.value(5).toString(), q.value(6).toString()};
    r.state = *state;
    r.createdMs = q.value(8).toLongLong();
    r.savedMs = q.value(9).toLongLong();
    r.editSeconds = q.value(10).toDouble();
    r.comment = q.value(11).toString();
    r.deleted = q.value(12).toInt() != 0;
    return r;
}
} // namespace

Result<qint64> LabelStore::insertRevision(const NewRevision& r, RevisionKind kind, bool deleted) {
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    return insertReturningId(
        m_db, where(),
        QStringLiteral("INSERT INTO revisions (case_id, parent_id, kind, origin_type, origin, "
                       "manifest_hash, review_state, created_ms, saved_ms, edit_seconds, "
                       "comment, deleted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                       "RETURNING id"),
        {r.caseId, r.parentId ? QVariant(*r.parentId) : QVariant(QMetaType(QMetaType::LongLong)),
         revisionKindName(kind), originTypeName(r.origin.type), r.origin.name,
         r.origin.manifestHash, reviewStateName(r.state), r.createdMs > 0 ? r.createdMs : now, now,
         r.editSeconds, r.comment, deleted ? 1 : 0});
}

Result<qint64> LabelStore::saveSegmentation(const NewRevision& revision, const LabelVolume& labels,
                                            std::span<const std::uint8_t> touched) {
    if (labels.isEmpty())
        return fileError(where(), QStringLiteral("cannot store an empty label volume"));
    if (!touched.empty() && touched.size() != labels.extent().frameCount())
        return fileError(where(), QStringLiteral("%1 touched flags for %2 frames")
                                      .arg(touched.size())
                                      .arg(labels.extent().frameCount()));
    // Compress before the transaction: the database is locked for the inserts only.
    const std::vector<EncodedFrame> frames = SegmentationCodec::encode(labels, touched);
    Transaction tx(m_db, where());
    if (auto s = tx.started(); !s)
        return s.error();
    auto id = insertRevision(revision, RevisionKind::Segmentation, false);
    if (!id)
        return id.error();
    const imaging::VolumeExtent& e = labels.extent();
    auto geometry =
        run(m_db, where(),
            QStringLiteral("INSERT INTO segmentation_geometry (revision_id, width, height, "
                           "slices, phases, geometry) VALUES (?, ?, ?, ?, ?, ?)"),
            {*id, e.width, e.height, e.slices, e.phases,
             SegmentationCodec::geometryToJson(labels.geometry())});
    if (!geometry)
        return geometry.error();
    // Multi-row INSERTs: one round trip per batch, not per frame (PostgreSQL over a
    // socket pays ~0.3 ms per statement; 240 frames would cost more than the rest).
    constexpr std::size_t kBatch = 48;
    const QString encoding = QString::fromLatin1(SegmentationCodec::kEncoding);
    for (std::size_t first = 0; first < frames.size(); first += kBatch) {
        const std::size_t n = std::min(kBatch, frames.size() - first);
        QStringList rows;
        for (std::size_t i = 0; i < n; ++i)
            rows << QStringLiteral("(?, ?, ?, ?, ?, ?)");
        QSqlQuery insert(m_db);
        if (!insert.prepare(QStringLiteral("INSERT INTO segmentation_frames (revision_id, slice, "
                                           "phase, touched, encoding, data) VALUES ") +
                            rows.join(QLatin1Char(','))))
            return sqlError(where(), QStringLiteral("cannot prepare a statement"),
                            insert.lastError());
        for (std::size_t i = first; i < first + n; ++i) {
            const EncodedFrame& f = frames[i];
            insert.addBindValue(*id);
            insert.addBindValue(f.slice);
            insert.addBindValue(f.phase);
            insert.addBindValue(f.touched ? 1 : 0);
            insert.addBindValue(encoding);
            insert.addBindValue(f.data);
        }
        if (!insert.exec())
            return sqlError(where(), QStringLiteral("cannot store the label frames"),
                            insert.lastError());
    }
    if (auto c = tx.commit(); !c)
        return c.error();
    return id;
}

Result<qint64> LabelStore::saveDocument(const NewRevision& revision, RevisionKind kind,
                                        const QByteArray& json) {
    if (kind == RevisionKind::Segmentation)
        return fileError(where(), QStringLiteral("segmentations are stored as label planes"));
    Transaction tx(m_db, where());
    if (auto s = tx.started(); !s)
        return s.error();
    auto id = insertRevision(revision, kind, false);
    if (!id)
        return id.error();
    auto q = run(m_db, where(),
                 QStringLiteral("INSERT INTO annotation_payloads (revision_id, format, data) "
                                "VALUES (?, 'json', ?)"),
                 {*id, json});
    if (!q)
        return q.error();
    if (auto c = tx.commit(); !c)
        return c.error();
    return id;
}

Result<qint64> LabelStore::changeReviewState(qint64 revisionId, ReviewState state,
                                             const Origin& who, const QString& comment) {
    auto old = revision(revisionId);
    if (!old)
        return old.error();
    if (old->deleted)
        return fileError(where(), QStringLiteral("revision %1 is a deletion").arg(revisionId));
    Transaction tx(m_db, where());
    if (auto s = tx.started(); !s)
        return s.error();
    NewRevision r{old->caseId, revisionId, who, state, 0, 0.0, comment};
    auto id = insertRevision(r, old->kind, false);
    if (!id)
        return id.error();
    // The payload is copied inside the database: same bytes, no decode.
    const QStringList copies = {
        QStringLiteral("INSERT INTO segmentation_geometry (revision_id, width, height, slices, "
                       "phases, geometry) SELECT ?, width, height, slices, phases, geometry "
                       "FROM segmentation_geometry WHERE revision_id = ?"),
        QStringLiteral("INSERT INTO segmentation_frames (revision_id, slice, phase, touched, "
                       "encoding, data) SELECT ?, slice, phase, touched, encoding, data FROM "
                       "segmentation_frames WHERE revision_id = ?"),
        QStringLiteral("INSERT INTO annotation_payloads (revision_id, format, data) SELECT ?, "
                       "format, data FROM annotation_payloads WHERE revision_id = ?")};
    for (const QString& sql : copies)
        if (auto q = run(m_db, where(), sql, {*id, revisionId}); !q)
            return q.error();
    if (auto c = tx.commit(); !c)
        return c.error();
    return id;
}

Result<qint64> LabelStore::markDeleted(qint64 revisionId, const Origin& who,
                                       const QString& comment) {
    auto old = revision(revisionId);
    if (!old)
        return old.error();
    NewRevision r{old->caseId, revisionId, who, old->state, 0, 0.0, comment};
    return insertRevision(r, old->kind, true);
}

Result<std::vector<RevisionInfo>>
LabelStore::selectRevisions(const QString& condition, std::initializer_list<QVariant> binds) {
    auto q = run(m_db, where(), kRevisionColumns + condition, binds);
    if (!q)
        return q.error();
    std::vector<RevisionInfo> out;
    while (q->next()) {
        auto r = revisionFromQuery(*q, where());
        if (!r)
            return r.error();
        out.push_back(std::move(*r));
    }
    return out;
}

Result<RevisionInfo> LabelStore::revision(qint64 revisionId) {
    auto list = selectRevisions(QStringLiteral("WHERE id = ?"), {revisionId});
    if (!list)
        return list.error();
    if (list->empty())
        return fileError(where(), QStringLiteral("no revision %1 in the store").arg(revisionId));
    return list->front();
}

Result<std::vector<RevisionInfo>> LabelStore::history(qint64 caseId,
                                                      std::optional<RevisionKind> kind) {
    if (kind)
        return selectRevisions(QStringLiteral("WHERE case_id = ? AND kind = ? ORDER BY id"),
                               {caseId, revisionKindName(*kind)});
    return selectRevisions(QStringLiteral("WHERE case_id = ? ORDER BY id"), {caseId});
}

Result<std::optional<RevisionInfo>> LabelStore::latest(qint64 caseId, RevisionKind kind) {
    auto list =
        selectRevisions(QStringLiteral("WHERE case_id = ? AND kind = ? ORDER BY id DESC LIMIT 1"),
                        {caseId, revisionKindName(kind)});
    if (!list)
        return list.error();
    if (list->empty())
        return std::optional<RevisionInfo>();
    return std::optional<RevisionInfo>(list->front());
}

Result<SegmentationRevision> LabelStore::loadSegmentation(qint64 revisionId) {
    auto info = revision(revisionId);
    if (!info)
        return info.error();
    if (info->kind != RevisionKind::Segmentation)
        return fileError(where(), QStringLiteral("revision %1 is %2, not a segmentation")
                                      .arg(revisionId)
                                      .arg(revisionKindName(info->kind)));
    if (info->deleted)
        return fileError(
            where(),
            QStringLiteral("revision %1 is a deletion: it holds no labels").arg(revisionId));
    auto g = run(m_db, where(),
                 QStringLiteral("SELECT width, height, slices, phases, geometry FROM "
                                "segmentation_geometry WHERE revision_id = ?"),
                 {revisionId});
    if (!g)
        return g.error();
    if (!g->next())
        return fileError(where(), QStringLiteral("revision %1 has no label grid").arg(revisionId));
    const imaging::VolumeExtent extent{g->value(0).toInt(), g->value(1).toInt(),
                                       g->value(2).toInt(), g->value(3).toInt()};
    auto geometry = SegmentationCodec::geometryFromJson(g->value(4).toString(), where());
    if (!geometry)
        return geometry.error();
    auto f = run(m_db, where(),
                 QStringLiteral("SELECT slice, phase, touched, encoding, data FROM "
                                "segmentation_frames WHERE revision_id = ?"),
                 {revisionId});
    if (!f)
        return f.error();
    std::vector<EncodedFrame> frames;
    while (f->next()) {
        frames.push_back({f->value(0).toInt(), f->value(1).toInt(), f->value(2).toInt() != 0,
                          f->value(4).toByteArray(), f->value(3).toString()});
    }
    SegmentationRevision out;
    out.info = std::move(*info);
    auto labels = SegmentationCodec::decode(extent, *geometry, frames, &out.touched, where());
    if (!labels)
        return labels.error();
    out.labels = std::move(*labels);
    return out;
}

Result<QByteArray> LabelStore::loadDocument(qint64 revisionId) {
    auto q = run(m_db, where(),
                 QStringLiteral("SELECT data FROM annotation_payloads WHERE revision_id = ?"),
                 {revisionId});
    if (!q)
        return q.error();
    if (!q->next())
        return fileError(where(), QStringLiteral("revision %1 holds no document").arg(revisionId));
    return q->value(0).toByteArray();
}

} // namespace cardiolens::labels
