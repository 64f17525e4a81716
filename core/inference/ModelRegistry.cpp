#include "inference/ModelRegistry.h"

#include "cardiolens/BuildInfo.h"
#include "common/DataPaths.h"
#include "inference/IsolatedValidation.h"
#include "inference/ModelSession.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>
#include <QVersionNumber>

#include <cmath>

namespace cardiolens::inference {

namespace {
const QString kManifestFile = QStringLiteral("manifest.json");

QString firstDir(const QStringList& candidates) {
    for (const QString& c : candidates)
        if (!c.isEmpty() && QFileInfo(c).isDir())
            return QDir(c).canonicalPath();
    return {};
}
} // namespace

QString ModelRegistry::bundledDir() {
    const QString appDir =
        QCoreApplication::instance() ? QCoreApplication::applicationDirPath() : QString();
    return firstDir({
        qEnvironmentVariable("CARDIOLENS_BUNDLED_MODELS_DIR"),
        appDir.isEmpty() ? QString() : appDir + QStringLiteral("/../share/cardiolens/models"),
        QString::fromUtf8(build::kDataInstallDir) + QStringLiteral("/models"),
        QString::fromUtf8(build::kSourceDir) + QStringLiteral("/resources/models"),
    });
}

QString ModelRegistry::userDir() {
    const QString env = qEnvironmentVariable("CARDIOLENS_MODELS_DIR");
    if (!env.isEmpty())
        return env;
    const QString setting = QSettings().value(QStringLiteral("inference/userModelsDir")).toString();
    if (!setting.isEmpty())
        return setting;
    const QString data = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return data.isEmpty() ? QString() : data + QStringLiteral("/models");
}

ModelRegistry ModelRegistry::scan() {
    ModelRegistry r;
    const QString bundled = bundledDir();
    if (!bundled.isEmpty())
        r.scanDir(bundled, QStringLiteral("bundled"));
    const QString user = userDir();
    if (!user.isEmpty() && QFileInfo(user).isDir())
        r.scanDir(user, QStringLiteral("user"));
    return r;
}

ModelRegistry ModelRegistry::scan(const QStringList& dirs) {
    ModelRegistry r;
    for (const QString& d : dirs)
        r.scanDir(d, QStringLiteral("user"));
    return r;
}

void ModelRegistry::scanDir(const QString& dir, const QString& source) {
    const QDir root(dir);
    for (const QString& sub : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QString manifestPath = root.filePath(sub + QLatin1Char('/') + kManifestFile);
        if (!QFileInfo::exists(manifestPath))
            continue;
        auto manifest = readAt(manifestPath);
        if (!manifest) {
            m_problems.push_back(manifest.error());
            continue;
        }
        m_models.push_back({std::move(manifest.value()), source});
    }
}

Result<ModelManifest> ModelRegistry::readAt(const QString& path) {
    const QFileInfo info(path);
    if (!info.exists())
        return fileError(path, QStringLiteral("no model at this path"));
    QString manifestPath;
    if (info.isDir())
        manifestPath = QDir(path).filePath(kManifestFile);
    else if (info.suffix() == QLatin1String("json"))
        manifestPath = path;
    else
        manifestPath = info.dir().filePath(kManifestFile);
    if (!QFileInfo::exists(manifestPath))
        return fileError(path, QStringLiteral("no manifest.json beside the model; every model "
                                              "needs one (see core/inference/README.md)"));
    auto manifest = ModelManifest::read(manifestPath);
    if (!manifest)
        return manifest.error();
    ModelManifest& m = manifest.value();
    if (!QFileInfo::exists(m.modelPath)) {
        const QString shared = DataPaths::sharedDataDir();
        const QString folder = QFileInfo(manifestPath).dir().dirName();
        const QString candidate =
            shared.isEmpty()
                ? QString()
                : QDir(shared).filePath(QStringLiteral("models/%1/%2").arg(folder, m.file));
        if (!candidate.isEmpty() && QFileInfo::exists(candidate))
            m.modelPath = QDir::cleanPath(candidate);
    }
    return manifest;
}

Result<ModelManifest> ModelRegistry::find(const QString& nameOrPath) const {
    for (const RegisteredModel& r : m_models)
        if (r.manifest.id() == nameOrPath)
            return r.manifest;
    // By name: the newest version (a retrained model in the user folder beats the bundled
    // one it was fine-tuned from).
    const RegisteredModel* newest = nullptr;
    for (const RegisteredModel& r : m_models)
        if (r.manifest.name == nameOrPath &&
            (!newest || QVersionNumber::fromString(r.manifest.version) >
                            QVersionNumber::fromString(newest->manifest.version)))
            newest = &r;
    if (newest)
        return newest->manifest;
    if (QFileInfo::exists(nameOrPath))
        return readAt(nameOrPath);
    QStringList known;
    for (const RegisteredModel& r : m_models)
        known << r.manifest.id();
    return Error{QStringLiteral("no model named \"%1\" (known: %2)")
                     .arg(nameOrPath, known.isEmpty() ? QStringLiteral("none")
                                                      : known.join(QStringLiteral(", "))),
                 {}};
}

Result<ModelManifest> ModelRegistry::add(const QString& path, bool install) {
    auto manifest = readAt(path);
    if (!manifest)
        return manifest.error();
    // In a child process with limits: the model is untrusted until this passes.
    auto report = IsolatedValidation::run(*manifest);
    if (!report)
        return report.error();
    ModelManifest m = manifest.value();
    if (install) {
        const QString target = QDir(userDir()).filePath(m.name);
        if (!QDir().mkpath(target))
            return fileError(target, QStringLiteral("cannot create the user model folder"));
        const QString modelTarget = QDir(target).filePath(QFileInfo(m.modelPath).fileName());
        const QString manifestTarget = QDir(target).filePath(kManifestFile);
        QFile::remove(modelTarget);
        QFile::remove(manifestTarget);
        if (!QFile::copy(m.modelPath, modelTarget) || !QFile::copy(m.manifestPath, manifestTarget))
            return fileError(
                target,
                QStringLiteral("cannot copy model %1 into the user model folder").arg(m.id()));
        auto installed = readAt(manifestTarget);
        if (!installed)
            return installed.error();
        m = installed.value();
    }
    for (auto it = m_models.begin(); it != m_models.end(); ++it)
        if (it->manifest.id() == m.id()) {
            m_models.erase(it);
            break;
        }
    m_models.push_back({m, QStringLiteral("added")});
    return m;
}

Result<ValidationReport> ModelRegistry::validate(const ModelManifest& manifest) {
    auto session = ModelSession::open(manifest);
    if (!session)
        return session.error();
    ValidationReport report;
    report.modelId = manifest.id();
    report.inputShape = manifest.concreteInputShape();
    Tensor dummy(manifest.input.dtype, report.inputShape);
    QElapsedTimer timer;
    timer.start();
    auto out = (*session)->forwardRaw(dummy);
    report.forwardMs = double(timer.nsecsElapsed()) / 1e6;
    if (!out)
        return out.error();
    report.outputShape = out->shape();
    auto check = (*session)->checkOutputShape(*out, report.inputShape);
    if (!check)
        return check.error();
    // What infer would refuse later is refused now.
    for (std::int64_t i = 0; i < out->elementCount(); ++i)
        if (!std::isfinite(out->valueAt(i)))
            return fileError(manifest.modelPath,
                             QStringLiteral("model %1: the test forward gives non-finite values "
                                            "(NaN or Inf); refused")
                                 .arg(manifest.id()));
    return report;
}

} // namespace cardiolens::inference
