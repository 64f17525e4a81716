#include "cli/CliCommand.h"

#include <algorithm>
#include <cstdio>

namespace cardiolens::cli {

namespace {
std::vector<CliCommand>& registry() {
    static std::vector<CliCommand> commands;
    return commands;
}
} // namespace

bool registerCliCommand(CliCommand command) {
    auto& commands = registry();
    const auto pos =
        std::lower_bound(commands.begin(), commands.end(), command.name,
                         [](const CliCommand& c, const QString& n) { return c.name < n; });
    commands.insert(pos, std::move(command));
    return true;
}

const std::vector<CliCommand>& cliCommands() {
    return registry();
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
