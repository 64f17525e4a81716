#pragma once
// Opens the store the label tests run against: a fresh SQLite file by default, or the
// PostgreSQL server that with-postgres.sh started (CARDIOLENS_TEST_PG_HOST etc. set), whose
// schema is dropped first so each test starts from an empty store.

#include "labels/LabelStore.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

namespace cardiolens::test {

inline bool usingPostgres() {
    return qEnvironmentVariableIsSet("CARDIOLENS_TEST_PG_HOST");
}

inline labels::StoreLocation postgresLocation() {
    return labels::StoreLocation::postgres(qEnvironmentVariable("CARDIOLENS_TEST_PG_HOST"),
                                           qEnvironmentVariableIntValue("CARDIOLENS_TEST_PG_PORT"),
                                           qEnvironmentVariable("CARDIOLENS_TEST_PG_DB"),
                                           qEnvironmentVariable("CARDIOLENS_TEST_PG_USER"));
}

/// Empties the PostgreSQL test database (its public schema) through a direct connection.
inline bool resetPostgres() {
    const auto l = postgresLocation();
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"),
                                                    QStringLiteral("cardiolens-test-reset"));
        db.setHostName(l.host);
        db.setPort(l.port);
        db.setDatabaseName(l.database);
        db.setUserName(l.user);
        if (db.open()) {
            QSqlQuery q(db);
            ok = q.exec(QStringLiteral("SET client_min_messages = warning")) &&
                 q.exec(QStringLiteral("DROP SCHEMA public CASCADE")) &&
                 q.exec(QStringLiteral("CREATE SCHEMA public"));
            if (!ok)
                qWarning() << q.lastError().text();
        } else {
            qWarning() << db.lastError().text();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("cardiolens-test-reset"));
    return ok;
}

/// Where a fresh, empty store for one test lives (a file in \a dir for SQLite).
inline labels::StoreLocation freshStoreLocation(const QTemporaryDir& dir) {
    if (usingPostgres()) {
        if (!resetPostgres())
            qFatal("cannot reset the PostgreSQL test database");
        return postgresLocation();
    }
    static int n = 0;
    return labels::StoreLocation::sqlite(dir.filePath(QStringLiteral("store%1.sqlite").arg(++n)));
}

} // namespace cardiolens::test

/// Opens a fresh store into `var` (a std::unique_ptr<LabelStore>) or fails the test.
#define CARDIOLENS_OPEN_STORE(var, location)                                                       \
    auto var##Opened = cardiolens::labels::LabelStore::open(location);                             \
    QVERIFY2(var##Opened.ok(),                                                                     \
             qPrintable(var##Opened.ok() ? QString() : var##Opened.error().describe()));           \
    std::unique_ptr<cardiolens::labels::LabelStore> var = std::move(*var##Opened)
