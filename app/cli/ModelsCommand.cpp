// `cardiolens-cli models [--json] [--validate] [--add PATH]`: the models the registry knows
// (bundled and user folders), optionally each validated by a test forward; --add validates a
// model folder and installs it into the user folder.
#include "cli/CliCommand.h"

#include "common/JsonOutput.h"
#include "inference/ModelRegistry.h"

#include <QFileInfo>
#include <QJsonArray>

namespace cardiolens::cli {

namespace {
using namespace cardiolens::inference;

// The child side of IsolatedValidation: one model's test forward, the result as JSON.
int validateOne(const QString& path) {
    auto manifest = ModelRegistry::readAt(path);
    auto report =
        manifest ? ModelRegistry::validate(*manifest) : Result<ValidationReport>(manifest.error());
    QJsonObject o;
    o[QStringLiteral("valid")] = report.ok();
    if (report) {
        o[QStringLiteral("forward_ms")] = report->forwardMs;
        QJsonArray in, out;
        for (std::int64_t d : report->inputShape)
            in.append(double(d));
        for (std::int64_t d : report->outputShape)
            out.append(double(d));
        o[QStringLiteral("input_shape")] = in;
        o[QStringLiteral("output_shape")] = out;
    } else {
        o[QStringLiteral("problem")] = report.error().message;
        o[QStringLiteral("file")] = report.error().file;
    }
    writeJson(o);
    return report ? kExitOk : kExitBadData;
}

int runModels(const CliCommand& self, const QStringList& args) {
    bool validate = false;
    QString add;
    for (int i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        if (a == QLatin1String("--json"))
            continue;
        if (a == QLatin1String("--validate"))
            validate = true;
        else if (a == QLatin1String("--add") && i + 1 < args.size())
            add = args[++i];
        else if (a == QLatin1String("--validate-one") && i + 1 < args.size())
            return validateOne(args[++i]);
        else
            return usageError(self, QStringLiteral("unknown argument %1").arg(a));
    }
    ModelRegistry registry = ModelRegistry::scan();
    if (!add.isEmpty()) {
        // "Add model": validate (manifest, TorchScript load, test forward), then install into
        // the user models folder.
        auto added = registry.add(add, true);
        if (!added) {
            printError(added.error().describe());
            return kExitBadData;
        }
        registry = ModelRegistry::scan();
    }
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
    c.usage = QStringLiteral("models [--json] [--validate] [--add MODEL_FOLDER|manifest.json]");
    c.run = [c](const QStringList& args) {
        return runModels(c, args);
    };
    return c;
}

const bool registered = registerCliCommand(modelsCommand());
} // namespace

} // namespace cardiolens::cli
