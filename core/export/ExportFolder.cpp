#include "export/ExportFolder.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace cardiolens::exports {

Result<ExportFolder> ExportFolder::begin(const QString& outDir, bool overwrite) {
    const QFileInfo out(QDir::cleanPath(QDir(outDir).absolutePath()));
    if (out.exists() && !overwrite)
        return fileError(out.filePath(), QStringLiteral("already exists; choose a new folder "
                                                        "(or --overwrite)"));
    if (out.exists() && !out.isDir())
        return fileError(out.filePath(), QStringLiteral("exists and is not a folder"));
    QDir parent = out.dir();
    if (!parent.exists() && !parent.mkpath(QStringLiteral(".")))
        return fileError(parent.path(), QStringLiteral("cannot create the folder"));
    const QString staging = parent.filePath(QStringLiteral(".%1.partial-%2")
                                                .arg(out.fileName())
                                                .arg(QCoreApplication::applicationPid()));
    QDir(staging).removeRecursively(); // a leftover of a killed earlier run of this pid
    if (!QDir().mkpath(staging))
        return fileError(staging, QStringLiteral("cannot create the staging folder"));
    return ExportFolder(out.filePath(), staging, overwrite);
}

ExportFolder::ExportFolder(ExportFolder&& other) noexcept
    : m_target(std::move(other.m_target)), m_staging(std::move(other.m_staging)),
      m_overwrite(other.m_overwrite), m_done(other.m_done) {
    other.m_done = true;
}

ExportFolder::~ExportFolder() {
    if (!m_done && !m_staging.isEmpty())
        QDir(m_staging).removeRecursively();
}

Result<bool> ExportFolder::commit() {
    QString aside;
    if (QFileInfo::exists(m_target)) {
        if (!m_overwrite)
            return fileError(m_target, QStringLiteral("appeared while exporting; not replaced"));
        aside = m_target + QStringLiteral(".old-%1").arg(QCoreApplication::applicationPid());
        if (!QDir().rename(m_target, aside))
            return fileError(m_target, QStringLiteral("cannot move the old export aside"));
    }
    if (!QDir().rename(m_staging, m_target)) {
        if (!aside.isEmpty())
            QDir().rename(aside, m_target);
        return fileError(m_target, QStringLiteral("cannot rename the finished export into place"));
    }
    m_done = true;
    if (!aside.isEmpty())
        QDir(aside).removeRecursively();
    return true;
}

} // namespace cardiolens::exports
