// `cardiolens-cli models [--json] [--validate]`: the models the registry knows (bundled and
// user folders), optionally each validated by a test forward.
#include "cli/CliCommand.h"

#include "common/JsonOutput.h"
#include "inference/ModelRegistry.h"

#include <QFileInfo>
#include <QJsonArray>

namespace cardiolens::cli {

namespace {
using namespace cardiolens::inference;

int runModels(const CliCommand& self, const QStringList& args) {
    bool validate = false;
    for (const QString& a : args) {
        if (a == QLatin1String("--json"))
            continue;
        if (a == QLatin1String("--validate"))
            validate = true;
        else
            return usageError(self, QStringLiteral("unknown argument %1").arg(a));
    }
    const ModelRegistry registry = ModelRegistry::scan();
    QJsonArray models;
    int failures = 0;
    for (const RegisteredModel& r : registry.models()) {
        QJsonObject o = r.manifest.toJson();
        o[QStringLiteral("source")] = r.source;
        o[QStringLiteral("model_file_present")] = QFileInfo::exists(r.manifest.modelPath);
        if (validate) {
            auto report = ModelRegistry::validate(r.manifest);
            o[QStringLiteral("valid")] = report.ok();
            if (report.ok()) {
                o[QStringLiteral("validation_forward_ms")] = report->forwardMs;
            } else {
                o[QStringLiteral("problem")] = report.error().message;
                ++failures;
            }
        }
        models.append(o);
    }
    QJsonArray problems;
    for (const Error& e : registry.problems())
        problems.append(e.describe());
    QJsonObject out;
    out[QStringLiteral("bundled_dir")] = ModelRegistry::bundledDir();
    out[QStringLiteral("user_dir")] = ModelRegistry::userDir();
    out[QStringLiteral("models")] = models;
    out[QStringLiteral("problems")] = problems;
    writeJson(out);
    return failures ? kExitBadData : kExitOk;
}

CliCommand modelsCommand() {
    CliCommand c;
    c.name = QStringLiteral("models");
    c.summary = QStringLiteral("list the inference models (bundled and user folders) as JSON");
    c.usage = QStringLiteral("models [--json] [--validate]");
    c.run = [c](const QStringList& args) {
        return runModels(c, args);
    };
    return c;
}

const bool registered = registerCliCommand(modelsCommand());
} // namespace

} // namespace cardiolens::cli
