#include "cli/CliCommand.h"

#include "common/JsonOutput.h"
#include "formats/FileDescriber.h"

#include <QJsonArray>

namespace cardiolens::cli {

namespace {
int runInfo(const CliCommand& self, const QStringList& args) {
    QStringList files;
    for (const QString& a : args) {
        if (a == QLatin1String("--json"))
            continue; // JSON is the only output form; accepted for symmetry with other commands.
        if (a.startsWith(QLatin1String("--")))
            return usageError(self, QStringLiteral("unknown option %1").arg(a));
        files << a;
    }
    if (files.isEmpty())
        return usageError(self, QStringLiteral("info needs at least one FILE"));

    QJsonArray out;
    int failures = 0;
    for (const QString& f : files) {
        auto described = formats::FileDescriber::describe(f);
        if (!described) {
            printError(described.error().describe());
            ++failures;
            continue;
        }
        out.append(described.value());
    }
    writeJson(out);
    return failures ? kExitBadData : kExitOk;
}

CliCommand infoCommand() {
    CliCommand c;
    c.name = QStringLiteral("info");
    c.summary = QStringLiteral("describe files (WFDB records, DICOM images/waveforms/folders, "
                               "NIfTI, MetaImage, NRRD, video) as JSON");
    c.usage = QStringLiteral("info [--json] FILE...");
    c.run = [c](const QStringList& args) {
        return runInfo(c, args);
    };
    return c;
}

const bool registered = registerCliCommand(infoCommand());
} // namespace

} // namespace cardiolens::cli
