#include "inference/IsolatedValidation.h"

#include "common/MemoryBudget.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <sys/resource.h>

namespace cardiolens::inference {

QString IsolatedValidation::helper() {
    const QString env = qEnvironmentVariable("CARDIOLENS_CLI");
    if (!env.isEmpty())
        return QFileInfo(env).isExecutable() ? env : QString();
    if (!QCoreApplication::instance())
        return {};
    const QString beside =
        QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("cardiolens-cli"));
    return QFileInfo(beside).isExecutable() ? beside : QString();
}

int IsolatedValidation::timeoutSeconds() {
    const int s = qEnvironmentVariableIntValue("CARDIOLENS_MODEL_VALIDATION_TIMEOUT_S");
    return s > 0 ? s : 120;
}

std::uint64_t IsolatedValidation::memoryBytes() {
    return MemoryBudget::capBytes() + (std::uint64_t(2) << 30);
}

Result<ValidationReport> IsolatedValidation::run(const ModelManifest& manifest,
                                                 const QString& helper) {
    if (helper.isEmpty())
        return ModelRegistry::validate(manifest);
    const std::uint64_t limit = memoryBytes();
    QProcess child;
    child.setChildProcessModifier([limit] {
        const rlimit as{rlim_t(limit), rlim_t(limit)};
        setrlimit(RLIMIT_AS, &as); // Only async-signal-safe calls here.
    });
    child.start(helper, {QStringLiteral("models"), QStringLiteral("--validate-one"),
                         manifest.manifestPath});
    const QString model = QStringLiteral("model %1").arg(manifest.id());
    const auto refuse = [&](const QString& why) {
        return fileError(manifest.modelPath, QStringLiteral("%1: %2").arg(model, why));
    };
    if (!child.waitForStarted(30000))
        return refuse(QStringLiteral("cannot start the validation process %1").arg(helper));
    if (!child.waitForFinished(timeoutSeconds() * 1000)) {
        child.kill();
        child.waitForFinished(5000);
        return refuse(QStringLiteral("the test forward did not finish within %1 s; refused")
                          .arg(timeoutSeconds()));
    }
    const QJsonObject o = QJsonDocument::fromJson(child.readAllStandardOutput()).object();
    if (child.exitStatus() != QProcess::NormalExit || o.isEmpty()) {
        const QString err = QString::fromUtf8(child.readAllStandardError()).trimmed();
        return refuse(QStringLiteral("the test forward failed within %1 MB of memory (%2); "
                                     "refused")
                          .arg(limit >> 20)
                          .arg(err.isEmpty() ? QStringLiteral("the process crashed")
                                             : err.section(QLatin1Char('\n'), -1)));
    }
    if (!o.value(QStringLiteral("valid")).toBool())
        return Error{o.value(QStringLiteral("problem")).toString(),
                     o.value(QStringLiteral("file")).toString()};
    ValidationReport report;
    report.modelId = manifest.id();
    report.forwardMs = o.value(QStringLiteral("forward_ms")).toDouble();
    for (const auto& v : o.value(QStringLiteral("input_shape")).toArray())
        report.inputShape.push_back(std::int64_t(v.toDouble()));
    for (const auto& v : o.value(QStringLiteral("output_shape")).toArray())
        report.outputShape.push_back(std::int64_t(v.toDouble()));
    return report;
}

} // namespace cardiolens::inference
