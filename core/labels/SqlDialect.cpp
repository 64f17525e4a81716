#include "labels/SqlDialect.h"

namespace cardiolens::labels {

QString SqlDialect::driverName() const {
    return m_backend == StoreBackend::Sqlite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL");
}

QString SqlDialect::expand(QString ddl) const {
    const bool lite = m_backend == StoreBackend::Sqlite;
    // SQLite: INTEGER PRIMARY KEY is the rowid (64-bit); AUTOINCREMENT never reuses ids,
    // so a deleted journal row's id cannot come back and be mistaken for it.
    ddl.replace(QLatin1String("{ID}"), lite ? QLatin1String("INTEGER PRIMARY KEY AUTOINCREMENT")
                                            : QLatin1String("BIGSERIAL PRIMARY KEY"));
    ddl.replace(QLatin1String("{BIGINT}"),
                lite ? QLatin1String("INTEGER") : QLatin1String("BIGINT"));
    ddl.replace(QLatin1String("{REAL}"),
                lite ? QLatin1String("REAL") : QLatin1String("DOUBLE PRECISION"));
    ddl.replace(QLatin1String("{BLOB}"), lite ? QLatin1String("BLOB") : QLatin1String("BYTEA"));
    return ddl;
}

} // namespace cardiolens::labels
