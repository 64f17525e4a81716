#pragma once

#include "common/Result.h"

#include <QString>

namespace cardiolens::labels {

enum class StoreBackend { Sqlite, Postgres };

/// Where a label store lives: an SQLite file (the default, one per project) or a
/// PostgreSQL database (teams). PostgreSQL's host may be a Unix socket folder.
struct StoreLocation {
    StoreBackend backend = StoreBackend::Sqlite;
    QString path; ///< SQLite file.
    QString host; ///< PostgreSQL host name or socket folder.
    int port = 5432;
    QString database;
    QString user;
    QString password;

    static StoreLocation sqlite(const QString& file);
    static StoreLocation postgres(const QString& host, int port, const QString& database,
                                  const QString& user, const QString& password = {});
    /// A file path, or a URL postgresql://USER[:PASSWORD]@[HOST][:PORT]/DATABASE where a
    /// socket folder is given as ?host=/path (as libpq accepts it).
    static Result<StoreLocation> parse(const QString& text);
    /// Cardiolens/labels.sqlite in the user's data folder (~/.local/share, $XDG_DATA_HOME),
    /// shared by the GUI and the CLI.
    static QString defaultSqlitePath();

    /// The file path, or postgresql://user@host:port/database (no password), for messages.
    QString describe() const;
};

} // namespace cardiolens::labels
