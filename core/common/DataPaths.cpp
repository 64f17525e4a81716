#include "common/DataPaths.h"

#include "cardiolens/BuildInfo.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace cardiolens::DataPaths {

namespace {
QString firstExistingDir(const QStringList& candidates) {
    for (const QString& c : candidates) {
        if (!c.isEmpty() && QFileInfo(c).isDir())
            return QDir(c).canonicalPath();
    }
    return {};
}

QString appDir() {
    return QCoreApplication::instance() ? QCoreApplication::applicationDirPath() : QString();
}
} // namespace

QString samplesDir() {
    return firstExistingDir({
        qEnvironmentVariable("CARDIOLENS_SAMPLES_DIR"),
        appDir() + QStringLiteral("/../share/cardiolens/samples"),
        QString::fromUtf8(build::kDataInstallDir) + QStringLiteral("/samples"),
        QString::fromUtf8(build::kSourceDir) + QStringLiteral("/resources/samples"),
    });
}

QString sharedDataDir() {
    return firstExistingDir({
        qEnvironmentVariable("CARDIOLENS_SHARED_DATA"),
        QString::fromUtf8(build::kSharedDataDir),
    });
}

QStringList pluginDirs() {
    QStringList dirs;
    const QString env = qEnvironmentVariable("CARDIOLENS_PLUGIN_DIR");
    if (!env.isEmpty())
        dirs << env;
    if (!appDir().isEmpty()) {
        dirs << appDir() << appDir() + QStringLiteral("/../lib")
             << appDir() + QStringLiteral("/../lib/cardiolens");
    }
    dirs << QString::fromUtf8(build::kPluginInstallDir);
    return dirs;
}

} // namespace cardiolens::DataPaths
