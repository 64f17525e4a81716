#pragma once
// Small helpers for the store's SQL: run a statement with positional parameters and turn
// driver errors into Errors naming the store; a transaction that rolls back unless committed.

#include "common/Result.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <initializer_list>

namespace cardiolens::labels::detail {

inline Error sqlError(const QString& where, const QString& what, const QSqlError& e) {
    return fileError(where, what + QStringLiteral(": ") + e.text());
}

/// Prepares and runs \a sql with \a binds; errors name \a where (the store).
inline Result<QSqlQuery> run(QSqlDatabase& db, const QString& where, const QString& sql,
                             std::initializer_list<QVariant> binds = {}) {
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        return sqlError(where, QStringLiteral("cannot prepare a statement"), q.lastError());
    for (const QVariant& v : binds) {
        // A null QString would bind as SQL NULL; text columns are NOT NULL, '' is meant.
        const bool nullText = v.metaType().id() == QMetaType::QString && v.toString().isNull();
        q.addBindValue(nullText ? QVariant(QStringLiteral("")) : v);
    }
    if (!q.exec())
        return sqlError(where, QStringLiteral("statement failed"), q.lastError());
    return q;
}

/// Runs \a sql without parameters and without preparing it: DDL, PRAGMA and SET, which
/// PostgreSQL cannot PREPARE.
inline Result<QSqlQuery> runDirect(QSqlDatabase& db, const QString& where, const QString& sql) {
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(sql))
        return sqlError(where, QStringLiteral("statement failed"), q.lastError());
    return q;
}

/// Runs an INSERT ... RETURNING id and gives the id.
inline Result<qint64> insertReturningId(QSqlDatabase& db, const QString& where, const QString& sql,
                                        std::initializer_list<QVariant> binds) {
    auto q = run(db, where, sql, binds);
    if (!q)
        return q.error();
    if (!q->next())
        return fileError(where, QStringLiteral("the database returned no id for a new row"));
    return q->value(0).toLongLong();
}

/// Rolls back on destruction unless commit() succeeded.
class Transaction {
public:
    Transaction(QSqlDatabase& db, const QString& where) : m_db(db), m_where(where) {
        m_open = m_db.transaction();
    }
    ~Transaction() {
        if (m_open)
            m_db.rollback();
    }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    Result<bool> started() const {
        if (!m_open)
            return sqlError(m_where, QStringLiteral("cannot start a transaction"),
                            m_db.lastError());
        return true;
    }
    Result<bool> commit() {
        if (!m_db.commit())
            return sqlError(m_where, QStringLiteral("cannot commit"), m_db.lastError());
        m_open = false;
        return true;
    }

private:
    QSqlDatabase& m_db;
    QString m_where;
    bool m_open = false;
};

} // namespace cardiolens::labels::detail
