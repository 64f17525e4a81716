#include "cli/CliCommand.h"

#include "cli/InfoCommand.h"

#include <cstdio>

namespace cardiolens::cli {

const std::vector<CliCommand>& cliCommands() {
    static const std::vector<CliCommand> commands = {
        infoCommand(),
    };
    return commands;
}

void printError(const QString& message) {
    std::fprintf(stderr, "cardiolens-cli: %s\n", qPrintable(message));
}

int usageError(const CliCommand& command, const QString& problem) {
    if (!problem.isEmpty())
        printError(problem);
    std::fprintf(stderr, "usage: cardiolens-cli %s\n", qPrintable(command.usage));
    return kExitUsage;
}

} // namespace cardiolens::cli
