#pragma once

#include "common/Result.h"
#include "labels/SqlDialect.h"

#include <QSqlDatabase>

namespace cardiolens::labels {

/// The store's schema as numbered steps. Version 1: cases, revisions (all label kinds),
/// segmentation frames and geometry, annotation documents. Version 2: the edit journal
/// (edit_sessions, journal_actions, journal_planes) for crash recovery. Each step runs in
/// one transaction with its version bump, so a store is always at a whole version.
class SchemaMigrations {
public:
    static constexpr int kCurrentVersion = 2;

    /// 0 for an empty database, else the stored version.
    static Result<int> version(QSqlDatabase& db, const QString& where);
    /// Brings \a db up to \a target (default: current). Refuses a database newer than this
    /// program knows, and \a target below the stored version. Returns the version reached.
    static Result<int> migrate(QSqlDatabase& db, const SqlDialect& dialect, const QString& where,
                               int target = kCurrentVersion);
};

} // namespace cardiolens::labels
