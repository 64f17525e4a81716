#pragma once

#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

namespace cardiolens::cli {

/// Exit codes every subcommand follows.
enum ExitCode : int { kExitOk = 0, kExitBadData = 1, kExitUsage = 2 };

/// One `cardiolens-cli` subcommand. Machine output goes to stdout as JSON; diagnostics
/// go to stderr as "cardiolens-cli: FILE: reason".
struct CliCommand {
    QString name;
    QString summary;
    QString usage;
    std::function<int(const QStringList& args)> run;
};

/// All registered subcommands, sorted by name.
const std::vector<CliCommand>& cliCommands();

/// Adds a subcommand. Each command's .cpp registers itself at static-initialisation time
/// (`static const bool registered = registerCliCommand(...)`), so adding a command touches
/// no shared list. Only valid in files compiled into the cardiolens-cli executable itself.
bool registerCliCommand(CliCommand command);

/// Prints a diagnostic to stderr.
void printError(const QString& message);
/// Prints "usage: ..." for \a command to stderr and returns kExitUsage.
int usageError(const CliCommand& command, const QString& problem);

} // namespace cardiolens::cli
