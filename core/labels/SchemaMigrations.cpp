#include "labels/SchemaMigrations.h"

#include "labels/StoreSql_p.h"

#include <QSqlQuery>
#include <QStringList>

namespace cardiolens::labels {

namespace {
using namespace detail;

// Kinds, states and origins are checked by the database too: a typo from another client
// must not create a revision nobody can read. Times are ms since the epoch (UTC).
const QStringList kVersion1 = {
    QStringLiteral("CREATE TABLE schema_version (version INTEGER NOT NULL)"),
    QStringLiteral("INSERT INTO schema_version (version) VALUES (0)"),
    QStringLiteral("CREATE TABLE cases ("
                   " id {ID},"
                   " path TEXT NOT NULL,"
                   " modality TEXT NOT NULL DEFAULT '',"
                   " dataset TEXT NOT NULL DEFAULT '',"
                   " case_name TEXT NOT NULL DEFAULT '',"
                   " fingerprint TEXT NOT NULL,"
                   " content_bytes {BIGINT} NOT NULL,"
                   " created_ms {BIGINT} NOT NULL)"),
    QStringLiteral("CREATE INDEX cases_fingerprint ON cases (fingerprint)"),
    QStringLiteral("CREATE INDEX cases_path ON cases (path)"),
    QStringLiteral(
        "CREATE TABLE revisions ("
        " id {ID},"
        " case_id {BIGINT} NOT NULL REFERENCES cases (id),"
        " parent_id {BIGINT} REFERENCES revisions (id),"
        " kind TEXT NOT NULL CHECK (kind IN ('segmentation', 'ecg_beats', 'rhythm_episodes',"
        "  'record_labels', 'wave_boundaries')),"
        " origin_type TEXT NOT NULL CHECK (origin_type IN ('model', 'dataset', 'annotator')),"
        " origin TEXT NOT NULL,"
        " manifest_hash TEXT NOT NULL DEFAULT '',"
        " review_state TEXT NOT NULL CHECK (review_state IN ('predicted', 'in_progress',"
        "  'submitted', 'accepted', 'rejected')),"
        " created_ms {BIGINT} NOT NULL,"
        " saved_ms {BIGINT} NOT NULL,"
        " edit_seconds {REAL} NOT NULL DEFAULT 0,"
        " comment TEXT NOT NULL DEFAULT '',"
        " deleted INTEGER NOT NULL DEFAULT 0)"),
    QStringLiteral("CREATE INDEX revisions_case ON revisions (case_id, kind)"),
    // One row per segmentation revision: the label grid (extent + geometry as JSON).
    QStringLiteral("CREATE TABLE segmentation_geometry ("
                   " revision_id {BIGINT} PRIMARY KEY REFERENCES revisions (id),"
                   " width INTEGER NOT NULL, height INTEGER NOT NULL,"
                   " slices INTEGER NOT NULL, phases INTEGER NOT NULL,"
                   " geometry TEXT NOT NULL)"),
    // Frames that hold labels or that a person touched; the others are background.
    QStringLiteral("CREATE TABLE segmentation_frames ("
                   " revision_id {BIGINT} NOT NULL REFERENCES revisions (id),"
                   " slice INTEGER NOT NULL, phase INTEGER NOT NULL,"
                   " touched INTEGER NOT NULL,"
                   " encoding TEXT NOT NULL,"
                   " data {BLOB} NOT NULL,"
                   " PRIMARY KEY (revision_id, slice, phase))"),
    // ECG beats, rhythm episodes, record labels, wave boundaries: one document each.
    QStringLiteral("CREATE TABLE annotation_payloads ("
                   " revision_id {BIGINT} PRIMARY KEY REFERENCES revisions (id),"
                   " format TEXT NOT NULL,"
                   " data {BLOB} NOT NULL)"),
};

// The edit journal: every editor action is committed here before the editor shows it as
// done; an open session (closed_ms NULL) is unsaved work to offer for recovery.
const QStringList kVersion2 = {
    QStringLiteral("CREATE TABLE edit_sessions ("
                   " id {ID},"
                   " case_id {BIGINT} NOT NULL REFERENCES cases (id),"
                   " base_revision_id {BIGINT} REFERENCES revisions (id),"
                   " annotator TEXT NOT NULL,"
                   " width INTEGER NOT NULL, height INTEGER NOT NULL,"
                   " started_ms {BIGINT} NOT NULL,"
                   " updated_ms {BIGINT} NOT NULL,"
                   " closed_ms {BIGINT},"
                   " saved_revision_id {BIGINT} REFERENCES revisions (id))"),
    QStringLiteral("CREATE INDEX edit_sessions_case ON edit_sessions (case_id, closed_ms)"),
    QStringLiteral("CREATE TABLE journal_actions ("
                   " id {ID},"
                   " session_id {BIGINT} NOT NULL REFERENCES edit_sessions (id),"
                   " seq INTEGER NOT NULL,"
                   " name TEXT NOT NULL,"
                   " created_ms {BIGINT} NOT NULL,"
                   " UNIQUE (session_id, seq))"),
    QStringLiteral("CREATE TABLE journal_planes ("
                   " action_id {BIGINT} NOT NULL REFERENCES journal_actions (id),"
                   " slice INTEGER NOT NULL, phase INTEGER NOT NULL,"
                   " data {BLOB} NOT NULL,"
                   " PRIMARY KEY (action_id, slice, phase))"),
};

const QStringList& stepDdl(int version) {
    static const QStringList none;
    switch (version) {
    case 1:
        return kVersion1;
    case 2:
        return kVersion2;
    default:
        return none;
    }
}
} // namespace

Result<int> SchemaMigrations::version(QSqlDatabase& db, const QString& where) {
    if (!db.tables().contains(QStringLiteral("schema_version")))
        return db.tables().isEmpty()
                   ? Result<int>(0)
                   : Result<int>(fileError(
                         where, QStringLiteral("not a Cardiolens label store (tables but no "
                                               "schema_version)")));
    auto q = run(db, where, QStringLiteral("SELECT version FROM schema_version"));
    if (!q)
        return q.error();
    if (!q->next())
        return fileError(where, QStringLiteral("schema_version is empty"));
    return q->value(0).toInt();
}

Result<int> SchemaMigrations::migrate(QSqlDatabase& db, const SqlDialect& dialect,
                                      const QString& where, int target) {
    auto current = version(db, where);
    if (!current)
        return current.error();
    if (*current > kCurrentVersion)
        return fileError(where, QStringLiteral("the store has schema version %1; this Cardiolens "
                                               "knows up to %2: update Cardiolens")
                                    .arg(*current)
                                    .arg(kCurrentVersion));
    if (target > kCurrentVersion || target < *current)
        return fileError(where, QStringLiteral("cannot migrate from schema version %1 to %2")
                                    .arg(*current)
                                    .arg(target));
    for (int v = *current + 1; v <= target; ++v) {
        Transaction tx(db, where);
        if (auto s = tx.started(); !s)
            return s.error();
        for (const QString& ddl : stepDdl(v)) {
            auto q = runDirect(db, where, dialect.expand(ddl));
            if (!q)
                return fileError(where, QStringLiteral("migration to version %1 failed: %2")
                                            .arg(v)
                                            .arg(q.error().message));
        }
        auto bump = run(db, where, QStringLiteral("UPDATE schema_version SET version = ?"), {v});
        if (!bump)
            return bump.error();
        if (auto c = tx.commit(); !c)
            return c.error();
    }
    return target;
}

} // namespace cardiolens::labels
