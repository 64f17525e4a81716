#include "cli/CliCommand.h"

#include "common/JsonOutput.h"
#include "imaging/DatasetLayout.h"
#include "imaging/LabelledCaseLoader.h"

namespace cardiolens::cli {

namespace {
using namespace imaging;

std::optional<LabelConvention> conventionFromName(const QString& name) {
    for (LabelConvention c :
         {LabelConvention::Internal, LabelConvention::Acdc, LabelConvention::Mnms,
          LabelConvention::Camus, LabelConvention::EchoNet})
        if (labelConventionName(c) == name.toLower())
            return c;
    return std::nullopt;
}

int runMetrics(const CliCommand& self, const QStringList& args) {
    QString path, image, labels;
    LabelConvention convention = LabelConvention::Internal;
    CineMetricsOptions options;
    for (int i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        auto value = [&](QString& out) {
            if (i + 1 >= args.size())
                return false;
            out = args[++i];
            return true;
        };
        auto number = [&](auto& out) {
            QString text;
            bool ok = false;
            if (!value(text))
                return false;
            const double v = text.toDouble(&ok);
            if (ok)
                out = std::remove_reference_t<decltype(*out)>(v);
            return ok;
        };
        QString text;
        if (a == QLatin1String("--json")) {
            continue;
        } else if (a == QLatin1String("--image")) {
            if (!value(image))
                return usageError(self, QStringLiteral("--image needs a FILE"));
        } else if (a == QLatin1String("--labels")) {
            if (!value(labels))
                return usageError(self, QStringLiteral("--labels needs a FILE"));
        } else if (a == QLatin1String("--convention")) {
            if (!value(text) || !conventionFromName(text))
                return usageError(
                    self,
                    QStringLiteral("--convention takes internal, acdc, mnms, camus or echonet"));
            convention = *conventionFromName(text);
        } else if (a == QLatin1String("--ed") || a == QLatin1String("--es")) {
            std::optional<int>& target =
                a == QLatin1String("--ed") ? options.edFrame : options.esFrame;
            if (!number(target))
                return usageError(self, QStringLiteral("%1 needs a 0-based frame number").arg(a));
        } else if (a == QLatin1String("--height")) {
            if (!number(options.heightCm))
                return usageError(self, QStringLiteral("--height needs centimetres"));
        } else if (a == QLatin1String("--weight")) {
            if (!number(options.weightKg))
                return usageError(self, QStringLiteral("--weight needs kilograms"));
        } else if (a.startsWith(QLatin1String("--"))) {
            return usageError(self, QStringLiteral("unknown option %1").arg(a));
        } else if (path.isEmpty()) {
            path = a;
        } else {
            return usageError(self, QStringLiteral("metrics takes one PATH"));
        }
    }
    if (path.isEmpty() == labels.isEmpty())
        return usageError(self, QStringLiteral("give a case PATH or --labels FILE (not both)"));

    Result<CaseMetrics> result = Error{};
    if (labels.isEmpty()) {
        // A dataset case; options given on the command line override its metadata.
        auto found = DatasetLayout::open(path);
        if (!found) {
            printError(found.error().describe());
            return kExitBadData;
        }
        DatasetCase& c = *found;
        c.edFrame = options.edFrame ? options.edFrame : c.edFrame;
        c.esFrame = options.esFrame ? options.esFrame : c.esFrame;
        c.heightCm = options.heightCm ? options.heightCm : c.heightCm;
        c.weightKg = options.weightKg ? options.weightKg : c.weightKg;
        result = LabelledCaseLoader::metrics(c);
    } else {
        result = LabelledCaseLoader::metricsForPair(image, labels, convention, options);
    }
    if (!result) {
        printError(result.error().describe());
        return kExitBadData;
    }
    QJsonObject out = result->toJson();
    if (!labels.isEmpty()) {
        out[QStringLiteral("labels")] = labels;
        out[QStringLiteral("label_convention")] = labelConventionName(convention);
    }
    writeJson(out);
    return kExitOk;
}

CliCommand metricsCommand() {
    CliCommand c;
    c.name = QStringLiteral("metrics");
    c.summary = QStringLiteral(
        "clinical metrics (EDV, ESV, SV, EF, LV mass, RV) of a labelled case as JSON");
    c.usage = QStringLiteral(
        "metrics [--json] [OPTIONS] PATH | metrics [--json] [OPTIONS] [--image FILE] "
        "--labels FILE [--convention internal|acdc|mnms|camus]; OPTIONS: --ed N "
        "--es N (0-based frames) --height CM --weight KG");
    c.run = [c](const QStringList& args) {
        return runMetrics(c, args);
    };
    return c;
}

const bool registered = registerCliCommand(metricsCommand());
} // namespace

} // namespace cardiolens::cli
