// labels list CASE: the stored revisions of a case, oldest first.
#include "cli/labels/LabelsCliSupport.h"
#include "cli/labels/LabelsSubcommand.h"

#include "common/JsonOutput.h"

namespace cardiolens::cli {

namespace {
using namespace labels;

int runList(const CliCommand& self, const QStringList& args) {
    LabelsArgs a;
    int exit = kExitOk;
    if (!parseLabelsArgs(self, args, {}, a, &exit))
        return exit;
    if (a.positional.size() != 1)
        return usageError(self, QStringLiteral("labels list takes one CASE"));
    const QString image = caseImagePath(a.positional.first());
    auto store = openLabelStore(a.store);
    if (!store)
        return kExitBadData;
    auto match = store->findCase(image);
    if (!match) {
        printError(match.error().describe());
        return kExitBadData;
    }
    QJsonObject o;
    o[QStringLiteral("image")] = image;
    o[QStringLiteral("case_status")] = caseMatchStatusName(match->status);
    QJsonArray revisions;
    if (match->record) {
        o[QStringLiteral("case")] = caseToJson(*match->record);
        auto history = store->history(match->record->id);
        if (!history) {
            printError(history.error().describe());
            return kExitBadData;
        }
        for (const RevisionInfo& r : *history)
            revisions.append(revisionToJson(r));
    } else {
        o[QStringLiteral("case")] = QJsonValue();
    }
    o[QStringLiteral("revisions")] = revisions;
    o[QStringLiteral("store")] = store->where();
    writeJson(o);
    return kExitOk;
}

CliCommand listCommand() {
    CliCommand c;
    c.name = QStringLiteral("list");
    c.summary = QStringLiteral("list the label revisions of a case");
    c.usage = QStringLiteral("labels list CASE [--store FILE|URL] [--json]");
    c.run = [c](const QStringList& args) {
        return runList(c, args);
    };
    return c;
}

const bool registered = registerLabelsSubcommand(listCommand());
} // namespace

} // namespace cardiolens::cli
