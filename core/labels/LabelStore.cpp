// LabelStore: opening, schema, cases. Revisions are in LabelStoreRevisions.cpp.
#include "labels/LabelStore.h"

#include "labels/SchemaMigrations.h"
#include "labels/StoreSql_p.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSqlQuery>
#include <QUuid>

namespace cardiolens::labels {

using namespace detail;

namespace {
QString canonicalPath(const QString& path) {
    const QFileInfo info(path);
    const QString canonical = info.canonicalFilePath();
    return canonical.isEmpty() ? info.absoluteFilePath() : canonical;
}

CaseRecord caseFromQuery(const QSqlQuery& q) {
    CaseRecord c;
    c.id = q.value(0).toLongLong();
    c.description = {q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                     q.value(4).toString()};
    c.fingerprint = {q.value(5).toString(), q.value(6).toLongLong()};
    c.createdMs = q.value(7).toLongLong();
    return c;
}

const QString kCaseColumns = QStringLiteral(
    "SELECT id, path, modality, dataset, case_name, fingerprint, content_bytes, created_ms "
    "FROM cases ");
} // namespace

LabelStore::LabelStore(const StoreLocation& location, QSqlDatabase db, QString connection)
    : m_location(location), m_dialect(location.backend), m_db(std::move(db)),
      m_connection(std::move(connection)) {}

LabelStore::~LabelStore() {
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connection);
}

Result<std::unique_ptr<LabelStore>> LabelStore::open(const StoreLocation& location) {
    const SqlDialect dialect(location.backend);
    const QString where = location.describe();
    if (!QSqlDatabase::isDriverAvailable(dialect.driverName()))
        return fileError(
            where,
            QStringLiteral("the Qt SQL driver %1 is not installed").arg(dialect.driverName()));
    if (location.backend == StoreBackend::Sqlite) {
        if (location.path.isEmpty())
            return fileError(where, QStringLiteral("no store file given"));
        const QFileInfo info(location.path);
        if (info.exists() && !info.isFile())
            return fileError(where, QStringLiteral("not a file"));
        if (!QDir().mkpath(info.absolutePath()))
            return fileError(where,
                             QStringLiteral("cannot create the folder ") + info.absolutePath());
    }
    const QString connection =
        QStringLiteral("cardiolens-labels-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    std::unique_ptr<LabelStore> store;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(dialect.driverName(), connection);
        if (location.backend == StoreBackend::Sqlite) {
            db.setDatabaseName(location.path);
            db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        } else {
            db.setHostName(location.host);
            db.setPort(location.port);
            db.setDatabaseName(location.database);
            db.setUserName(location.user);
            db.setPassword(location.password);
            db.setConnectOptions(QStringLiteral("connect_timeout=10"));
        }
        store.reset(new LabelStore(location, db, connection));
    }
    QSqlDatabase& db = store->m_db;
    if (!db.open())
        return sqlError(where, QStringLiteral("cannot open the label store"), db.lastError());
    if (location.backend == StoreBackend::Sqlite) {
        // WAL: readers do not block the writer; FULL: a committed journal action survives
        // a crash of the process and of the machine; foreign keys are off by default.
        auto wal = runDirect(db, where, QStringLiteral("PRAGMA journal_mode=WAL"));
        if (!wal)
            return fileError(where,
                             QStringLiteral("not an SQLite label store: ") + wal.error().message);
        for (const char* pragma : {"PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"})
            if (auto q = runDirect(db, where, QString::fromLatin1(pragma)); !q)
                return q.error();
    } else {
        if (auto q = runDirect(db, where, QStringLiteral("SET client_min_messages = warning")); !q)
            return q.error();
    }
    auto migrated = SchemaMigrations::migrate(db, dialect, where);
    if (!migrated)
        return migrated.error();
    return store;
}

Result<int> LabelStore::schemaVersion() {
    return SchemaMigrations::version(m_db, where());
}

Result<CaseMatch> LabelStore::findCase(const QString& path) {
    auto fingerprint = ContentFingerprint::of(path);
    if (!fingerprint)
        return fingerprint.error();
    CaseMatch match;
    match.current = *fingerprint;
    const QString canonical = canonicalPath(path);
    auto byContent =
        run(m_db, where(),
            kCaseColumns + QStringLiteral("WHERE fingerprint = ? AND content_bytes = ? ORDER BY "
                                          "(CASE WHEN path = ? THEN 0 ELSE 1 END), id"),
            {fingerprint->sha256, fingerprint->bytes, canonical});
    if (!byContent)
        return byContent.error();
    if (byContent->next()) {
        match.record = caseFromQuery(*byContent);
        match.status = match.record->description.path == canonical ? CaseMatch::Status::Known
                                                                   : CaseMatch::Status::Moved;
        return match;
    }
    auto byPath = run(m_db, where(), kCaseColumns + QStringLiteral("WHERE path = ? ORDER BY id"),
                      {canonical});
    if (!byPath)
        return byPath.error();
    if (byPath->next()) {
        match.record = caseFromQuery(*byPath);
        match.status = CaseMatch::Status::Changed;
    }
    return match;
}

Result<CaseMatch> LabelStore::ensureCase(const CaseDescription& description) {
    auto match = findCase(description.path);
    if (!match)
        return match;
    const QString canonical = canonicalPath(description.path);
    if (match->status == CaseMatch::Status::Moved) {
        auto q = run(m_db, where(), QStringLiteral("UPDATE cases SET path = ? WHERE id = ?"),
                     {canonical, match->record->id});
        if (!q)
            return q.error();
        match->record->description.path = canonical;
    } else if (match->status == CaseMatch::Status::New) {
        CaseRecord c;
        c.description = description;
        c.description.path = canonical;
        c.fingerprint = match->current;
        c.createdMs = QDateTime::currentMSecsSinceEpoch();
        auto id = insertReturningId(
            m_db, where(),
            QStringLiteral("INSERT INTO cases (path, modality, dataset, case_name, fingerprint, "
                           "content_bytes, created_ms) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"),
            {c.description.path, c.description.modality, c.description.dataset,
             c.description.caseName, c.fingerprint.sha256, c.fingerprint.bytes, c.createdMs});
        if (!id)
            return id.error();
        c.id = *id;
        match->record = c;
    }
    return match;
}

Result<CaseRecord> LabelStore::caseRecord(qint64 caseId) {
    auto q = run(m_db, where(), kCaseColumns + QStringLiteral("WHERE id = ?"), {caseId});
    if (!q)
        return q.error();
    if (!q->next())
        return fileError(where(), QStringLiteral("no case %1 in the store").arg(caseId));
    return caseFromQuery(*q);
}

Result<std::vector<CaseRecord>> LabelStore::cases() {
    auto q = run(m_db, where(), kCaseColumns + QStringLiteral("ORDER BY id"));
    if (!q)
        return q.error();
    std::vector<CaseRecord> out;
    while (q->next())
        out.push_back(caseFromQuery(*q));
    return out;
}

} // namespace cardiolens::labels
