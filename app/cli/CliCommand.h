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

/// All subcommands, in the order `--help` lists them. Each command's file adds itself here.
const std::vector<CliCommand>& cliCommands();

/// Prints a diagnostic to stderr.
void printError(const QString& message);
/// Prints "usage: ..." for \a command to stderr and returns kExitUsage.
int usageError(const CliCommand& command, const QString& problem);

} // namespace cardiolens::cli
