#pragma once

#include "common/Result.h"
#include "labels/CaseRecord.h"
#include "labels/Revision.h"
#include "labels/SegmentationRevision.h"
#include "labels/SqlDialect.h"
#include "labels/StoreLocation.h"

#include <QSqlDatabase>

#include <memory>
#include <optional>
#include <vector>

namespace cardiolens::labels {

/// The label store: cases, label revisions with provenance, segmentation payloads. One
/// class over SQLite (WAL, foreign keys, synchronous=FULL) and PostgreSQL, one schema
/// (SchemaMigrations) and one code path; SqlDialect holds the differences. History is
/// append-only: nothing here updates or deletes a revision; a deletion or a review-state
/// change is a new revision whose parent is the old one. Not thread-safe: one store object
/// per thread.
class LabelStore {
public:
    /// Opens (creating an SQLite file and its folder when missing) and migrates the schema.
    static Result<std::unique_ptr<LabelStore>> open(const StoreLocation& location);
    ~LabelStore();
    LabelStore(const LabelStore&) = delete;
    LabelStore& operator=(const LabelStore&) = delete;

    const StoreLocation& location() const { return m_location; }
    const SqlDialect& dialect() const { return m_dialect; }
    QString where() const { return m_location.describe(); }
    Result<int> schemaVersion();
    /// The connection, for EditJournal and tests; it belongs to this object.
    QSqlDatabase& database() { return m_db; }

    // --- cases -------------------------------------------------------------------------
    /// How \a path (file or DICOM folder) relates to stored cases, writing nothing.
    Result<CaseMatch> findCase(const QString& path);
    /// findCase, then: New -> inserted; Moved -> the stored path is updated; Known and
    /// Changed are left as they are (a changed file keeps its old fingerprint, so it stays
    /// noticed until someone decides).
    Result<CaseMatch> ensureCase(const CaseDescription& description);
    Result<CaseRecord> caseRecord(qint64 caseId);
    Result<std::vector<CaseRecord>> cases();

    // --- revisions ---------------------------------------------------------------------
    /// Stores \a labels as a new segmentation revision. \a touched: per frame in
    /// CineVolume::frameIndex order (or empty). Returns the revision id.
    Result<qint64> saveSegmentation(const NewRevision& revision, const imaging::LabelVolume& labels,
                                    std::span<const std::uint8_t> touched = {});
    /// Stores a document payload (JSON, for the ECG kinds) as a new revision.
    Result<qint64> saveDocument(const NewRevision& revision, RevisionKind kind,
                                const QByteArray& json);
    /// A new revision of the same kind and labels as \a revisionId, with a new state.
    Result<qint64> changeReviewState(qint64 revisionId, ReviewState state, const Origin& who,
                                     const QString& comment = {});
    /// A deletion: a new revision (child of \a revisionId) marked deleted, with no payload.
    Result<qint64> markDeleted(qint64 revisionId, const Origin& who, const QString& comment = {});

    Result<RevisionInfo> revision(qint64 revisionId);
    /// Every revision of a case (all kinds, or one), oldest first.
    Result<std::vector<RevisionInfo>> history(qint64 caseId, std::optional<RevisionKind> kind = {});
    /// The newest revision of \a kind of a case (maybe a deletion), if any.
    Result<std::optional<RevisionInfo>> latest(qint64 caseId, RevisionKind kind);
    Result<SegmentationRevision> loadSegmentation(qint64 revisionId);
    Result<QByteArray> loadDocument(qint64 revisionId);

private:
    LabelStore(const StoreLocation& location, QSqlDatabase db, QString connection);
    Result<qint64> insertRevision(const NewRevision& r, RevisionKind kind, bool deleted);
    Result<std::vector<RevisionInfo>> selectRevisions(const QString& where,
                                                      std::initializer_list<QVariant> binds);

    StoreLocation m_location;
    SqlDialect m_dialect;
    QSqlDatabase m_db;
    QString m_connection;
};

} // namespace cardiolens::labels
