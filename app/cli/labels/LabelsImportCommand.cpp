// labels import CASE [--from auto|FILE]: a dataset's expert labels (or a label file)
// become a segmentation revision with origin dataset:NAME.
#include "cli/labels/LabelsCliSupport.h"
#include "cli/labels/LabelsSubcommand.h"

#include "common/JsonOutput.h"
#include "labels/DatasetLabelImport.h"

namespace cardiolens::cli {

namespace {
using namespace labels;

int runImport(const CliCommand& self, const QStringList& args) {
    LabelsArgs a;
    int exit = kExitOk;
    if (!parseLabelsArgs(
            self, args,
            {QStringLiteral("--from"), QStringLiteral("--convention"), QStringLiteral("--dataset")},
            a, &exit))
        return exit;
    if (a.positional.size() != 1)
        return usageError(self, QStringLiteral("labels import takes one CASE"));
    const QString casePath = a.positional.first();
    const QString from = a.options.value(QStringLiteral("--from"), QStringLiteral("auto"));
    auto imported = from == QLatin1String("auto")
                        ? DatasetLabelImport::fromDataset(casePath)
                        : DatasetLabelImport::fromFile(
                              casePath, from, a.options.value(QStringLiteral("--convention")),
                              a.options.value(QStringLiteral("--dataset")));
    if (!imported) {
        printError(imported.error().describe());
        return kExitBadData;
    }
    auto store = openLabelStore(a.store);
    if (!store)
        return kExitBadData;
    auto match = store->ensureCase(imported->caseDescription);
    if (!match) {
        printError(match.error().describe());
        return kExitBadData;
    }
    QStringList warnings = imported->warnings;
    if (match->status == CaseMatch::Status::Changed)
        warnings << QStringLiteral("%1 changed since the case was first stored: its earlier "
                                   "labels may not fit the image any more")
                        .arg(imported->caseDescription.path);
    auto previous = store->latest(match->record->id, RevisionKind::Segmentation);
    if (!previous) {
        printError(previous.error().describe());
        return kExitBadData;
    }
    NewRevision r;
    r.caseId = match->record->id;
    if (*previous)
        r.parentId = (*previous)->id;
    r.origin = Origin::dataset(imported->datasetName);
    r.state = ReviewState::Accepted; // a dataset's reference labels
    r.comment = from == QLatin1String("auto") ? QStringLiteral("expert labels imported")
                                              : QStringLiteral("imported from ") + from;
    auto id = store->saveSegmentation(r, imported->labels);
    if (!id) {
        printError(id.error().describe());
        return kExitBadData;
    }
    QJsonObject o;
    o[QStringLiteral("revision")] = *id;
    o[QStringLiteral("case_id")] = match->record->id;
    o[QStringLiteral("case_status")] = caseMatchStatusName(match->status);
    o[QStringLiteral("image")] = match->record->description.path;
    o[QStringLiteral("origin")] = r.origin.name;
    o[QStringLiteral("labelled_frames")] = imported->labelledFrames;
    const auto& e = imported->labels.extent();
    o[QStringLiteral("grid")] = QJsonArray{e.width, e.height, e.slices, e.phases};
    o[QStringLiteral("store")] = store->where();
    o[QStringLiteral("warnings")] = QJsonArray::fromStringList(warnings);
    writeJson(o);
    return kExitOk;
}

CliCommand importCommand() {
    CliCommand c;
    c.name = QStringLiteral("import");
    c.summary = QStringLiteral("store a dataset's expert labels as a revision");
    c.usage =
        QStringLiteral("labels import CASE [--from auto|FILE] [--convention NAME] [--dataset NAME] "
                       "[--store FILE|URL] [--json]");
    c.run = [c](const QStringList& args) {
        return runImport(c, args);
    };
    return c;
}

const bool registered = registerLabelsSubcommand(importCommand());
} // namespace

} // namespace cardiolens::cli
