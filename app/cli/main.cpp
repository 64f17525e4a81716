// cardiolens-cli: headless entry point. `cardiolens-cli COMMAND [ARGS...]`.
#include "cardiolens/BuildInfo.h"
#include "cli/CliCommand.h"
#include "common/MemoryBudget.h"
#include "inference/OpenMpPolicy.h"

#include <QCoreApplication>

#include <cstdio>

using namespace cardiolens::cli;

namespace {
void printHelp(std::FILE* out) {
    std::fprintf(out,
                 "usage: cardiolens-cli [--version] [--help] COMMAND [ARGS...]\n\ncommands:\n");
    for (const CliCommand& c : cliCommands())
        std::fprintf(out, "  %-10s %s\n", qPrintable(c.name), qPrintable(c.summary));
    std::fprintf(out, "\nexit status: 0 success, 1 bad data, 2 usage error\n");
}
} // namespace

int main(int argc, char* argv[]) {
    cardiolens::inference::ensurePassiveOpenMp(argv); // Before anything else: may re-exec.
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Cardiolens"));
    QCoreApplication::setApplicationName(QStringLiteral("cardiolens-cli"));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(cardiolens::build::kAppVersion));
    cardiolens::MemoryBudget::applySetting(); // Before any file is opened.

    QStringList args = QCoreApplication::arguments().mid(1);
    if (args.isEmpty()) {
        printHelp(stderr);
        return kExitUsage;
    }
    const QString first = args.takeFirst();
    if (first == QLatin1String("--version") || first == QLatin1String("-v")) {
        std::printf("cardiolens-cli %s\n", cardiolens::build::kAppVersion);
        return kExitOk;
    }
    if (first == QLatin1String("--help") || first == QLatin1String("-h")) {
        printHelp(stdout);
        return kExitOk;
    }
    for (const CliCommand& c : cliCommands()) {
        if (c.name == first)
            return c.run(args);
    }
    printError(QStringLiteral("unknown command '%1'").arg(first));
    printHelp(stderr);
    return kExitUsage;
}
