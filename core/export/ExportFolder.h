#pragma once

#include "common/Result.h"

#include <QString>

namespace cardiolens::exports {

/// An export's output folder that appears whole or not at all: everything is written into a
/// hidden sibling (OUT.partial-PID) and renamed to OUT by commit(). Without commit() the
/// sibling is removed, so a failed or cancelled export leaves nothing behind and never
/// touches an existing OUT.
class ExportFolder {
public:
    /// Fails when OUT exists (unless \a overwrite) or its parent folder cannot be written.
    static Result<ExportFolder> begin(const QString& outDir, bool overwrite);
    ExportFolder(ExportFolder&& other) noexcept;
    ExportFolder& operator=(ExportFolder&&) = delete;
    ~ExportFolder();

    /// The folder to write into now.
    QString staging() const { return m_staging; }
    QString target() const { return m_target; }
    /// Renames the staging folder to OUT (an old OUT is moved aside first and removed after).
    Result<bool> commit();

private:
    ExportFolder(QString target, QString staging, bool overwrite)
        : m_target(std::move(target)), m_staging(std::move(staging)), m_overwrite(overwrite) {}
    QString m_target;
    QString m_staging;
    bool m_overwrite = false;
    bool m_done = false;
};

} // namespace cardiolens::exports
