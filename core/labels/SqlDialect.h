#pragma once

#include "labels/StoreLocation.h"

#include <QString>

namespace cardiolens::labels {

/// The few places where SQLite and PostgreSQL spell the shared schema differently. DDL is
/// written once with {ID}, {BIGINT}, {REAL} and {BLOB} placeholders; queries use only SQL
/// both accept (INSERT ... RETURNING, positional parameters).
class SqlDialect {
public:
    explicit SqlDialect(StoreBackend backend) : m_backend(backend) {}

    StoreBackend backend() const { return m_backend; }
    QString driverName() const;
    /// \a ddl with the placeholders replaced for this backend.
    QString expand(QString ddl) const;

private:
    StoreBackend m_backend;
};

} // namespace cardiolens::labels
