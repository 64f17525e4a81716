#include "inference/BackendLoader.h"

#include "common/DataPaths.h"

#include <QDir>
#include <QFileInfo>
#include <QLibrary>
#include <QMutex>
#include <QMutexLocker>

namespace cardiolens::inference {

namespace {
constexpr const char* kPluginFile = "libcardiolens_torch.so";
}

Result<ModelBackend*> BackendLoader::torch() {
    static QMutex mutex;
    static ModelBackend* backend = nullptr;
    QMutexLocker lock(&mutex);
    if (backend)
        return backend;

    // Too late when libgomp is already loaded (see OpenMpPolicy.h); enough when libtorch
    // brings it in.
    if (!qEnvironmentVariableIsSet("OMP_WAIT_POLICY"))
        qputenv("OMP_WAIT_POLICY", "PASSIVE");

    QStringList problems;
    for (const QString& dir : DataPaths::pluginDirs()) {
        const QString candidate = QDir(dir).filePath(QString::fromLatin1(kPluginFile));
        if (!QFileInfo::exists(candidate))
            continue;
        QLibrary lib(candidate);
        if (!lib.load()) {
            problems << lib.errorString();
            continue;
        }
        auto entry =
            reinterpret_cast<CardiolensBackendEntry>(lib.resolve(CARDIOLENS_BACKEND_ENTRY));
        if (!entry) {
            problems << candidate + QStringLiteral(": no entry point ") +
                            QLatin1String(CARDIOLENS_BACKEND_ENTRY);
            continue;
        }
        backend = entry(); // The library stays loaded for the life of the process.
        return backend;
    }
    if (problems.isEmpty())
        problems << QStringLiteral("%1 not found in %2")
                        .arg(QString::fromLatin1(kPluginFile),
                             DataPaths::pluginDirs().join(QStringLiteral(", ")));
    return Error{QStringLiteral("the libtorch inference plugin is not available: ") +
                     problems.join(QStringLiteral("; ")),
                 {}};
}

} // namespace cardiolens::inference
