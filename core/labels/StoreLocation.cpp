#include "labels/StoreLocation.h"

#include <QDir>
#include <QStandardPaths>
#include <QUrl>
#include <QUrlQuery>

namespace cardiolens::labels {

StoreLocation StoreLocation::sqlite(const QString& file) {
    StoreLocation l;
    l.backend = StoreBackend::Sqlite;
    l.path = file;
    return l;
}

StoreLocation StoreLocation::postgres(const QString& host, int port, const QString& database,
                                      const QString& user, const QString& password) {
    StoreLocation l;
    l.backend = StoreBackend::Postgres;
    l.host = host;
    l.port = port;
    l.database = database;
    l.user = user;
    l.password = password;
    return l;
}

Result<StoreLocation> StoreLocation::parse(const QString& text) {
    if (!text.startsWith(QLatin1String("postgresql://")) &&
        !text.startsWith(QLatin1String("postgres://")))
        return sqlite(text);
    const QUrl url(text);
    if (!url.isValid())
        return fileError(text, QStringLiteral("not a valid PostgreSQL URL: ") + url.errorString());
    StoreLocation l =
        postgres(url.host(), url.port(5432), url.path().mid(1), url.userName(), url.password());
    const QUrlQuery query(url);
    if (query.hasQueryItem(QStringLiteral("host")))
        l.host = query.queryItemValue(QStringLiteral("host"), QUrl::FullyDecoded);
    if (l.database.isEmpty())
        return fileError(text, QStringLiteral("the URL names no database"));
    return l;
}

QString StoreLocation::defaultSqlitePath() {
    // The organisation's folder, not AppDataLocation itself: that one differs between the
    // GUI (Cardiolens/Cardiolens) and the CLI (Cardiolens/cardiolens-cli), and both must
    // see the same labels.
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return QDir(dir).filePath(QStringLiteral("Cardiolens/labels.sqlite"));
}

QString StoreLocation::describe() const {
    if (backend == StoreBackend::Sqlite)
        return path;
    return QStringLiteral("postgresql://%1@%2:%3/%4").arg(user, host).arg(port).arg(database);
}

} // namespace cardiolens::labels
