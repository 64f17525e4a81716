// `labels`: the label store from the command line. Dispatches to the subcommands in
// this folder (import, list, show, export).
#include "cli/labels/LabelsSubcommand.h"

#include <algorithm>

namespace cardiolens::cli {

namespace {
std::vector<CliCommand>& registry() {
    static std::vector<CliCommand> commands;
    return commands;
}

QString usageText() {
    QStringList lines;
    for (const CliCommand& c : labelsSubcommands())
        lines << c.usage;
    return lines.isEmpty() ? QStringLiteral("labels SUBCOMMAND")
                           : lines.join(QStringLiteral("\n       cardiolens-cli "));
}

CliCommand labelsCommand() {
    CliCommand c;
    c.name = QStringLiteral("labels");
    c.summary = QStringLiteral("label store: import, list, show and export label revisions");
    c.usage = QStringLiteral("labels import|list|show|export ...");
    c.run = [c](const QStringList& args) {
        CliCommand self = c;
        self.usage = usageText();
        if (args.isEmpty())
            return usageError(self, QStringLiteral("labels needs a subcommand"));
        for (const CliCommand& sub : labelsSubcommands())
            if (sub.name == args.first())
                return sub.run(args.mid(1));
        return usageError(self, QStringLiteral("unknown labels subcommand '%1'").arg(args.first()));
    };
    return c;
}

const bool registered = registerCliCommand(labelsCommand());
} // namespace

bool registerLabelsSubcommand(CliCommand command) {
    auto& commands = registry();
    const auto pos =
        std::lower_bound(commands.begin(), commands.end(), command.name,
                         [](const CliCommand& a, const QString& n) { return a.name < n; });
    commands.insert(pos, std::move(command));
    return true;
}

const std::vector<CliCommand>& labelsSubcommands() {
    return registry();
}

} // namespace cardiolens::cli
