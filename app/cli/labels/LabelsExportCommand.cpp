// labels export REV --out FILE.nii.gz [--convention NAME]: a stored segmentation as a
// NIfTI label map on its image's grid, in a dataset's label values.
#include "cli/labels/LabelsCliSupport.h"
#include "cli/labels/LabelsSubcommand.h"

#include "common/JsonOutput.h"
#include "labels/LabelConventionName.h"
#include "labels/LabelExport.h"

namespace cardiolens::cli {

namespace {
using namespace labels;

int runExport(const CliCommand& self, const QStringList& args) {
    LabelsArgs a;
    int exit = kExitOk;
    if (!parseLabelsArgs(self, args, {QStringLiteral("--out"), QStringLiteral("--convention")}, a,
                         &exit))
        return exit;
    bool ok = false;
    const qint64 id = a.positional.size() == 1 ? a.positional.first().toLongLong(&ok) : 0;
    if (!ok)
        return usageError(self, QStringLiteral("labels export takes one revision number"));
    const QString out = a.options.value(QStringLiteral("--out"));
    if (out.isEmpty())
        return usageError(self, QStringLiteral("--out FILE.nii.gz is required"));
    const QString conventionName =
        a.options.value(QStringLiteral("--convention"), QStringLiteral("internal"));
    const auto convention = labelConventionFromName(conventionName);
    if (!convention)
        return usageError(self, QStringLiteral("--convention takes internal, acdc, mnms, camus "
                                               "or echonet"));
    auto store = openLabelStore(a.store);
    if (!store)
        return kExitBadData;
    auto s = store->loadSegmentation(id);
    if (!s) {
        printError(s.error().describe());
        return kExitBadData;
    }
    auto written = LabelExport::writeNifti(s->labels, out, *convention);
    if (!written) {
        printError(written.error().describe());
        return kExitBadData;
    }
    QJsonObject o;
    o[QStringLiteral("revision")] = id;
    o[QStringLiteral("out")] = out;
    o[QStringLiteral("bytes")] = written->bytes;
    o[QStringLiteral("convention")] = imaging::labelConventionName(*convention);
    o[QStringLiteral("dropped_voxels")] = qint64(written->droppedVoxels);
    QJsonArray warnings;
    if (written->droppedVoxels > 0)
        warnings.append(QStringLiteral("%1 voxels hold labels the %2 convention cannot express: "
                                       "written as 0")
                            .arg(written->droppedVoxels)
                            .arg(conventionName));
    o[QStringLiteral("warnings")] = warnings;
    writeJson(o);
    return kExitOk;
}

CliCommand exportCommand() {
    CliCommand c;
    c.name = QStringLiteral("export");
    c.summary = QStringLiteral("write a label revision as NIfTI");
    c.usage = QStringLiteral("labels export REV --out FILE.nii.gz [--convention "
                             "internal|acdc|mnms|camus|echonet] [--store FILE|URL] [--json]");
    c.run = [c](const QStringList& args) {
        return runExport(c, args);
    };
    return c;
}

const bool registered = registerLabelsSubcommand(exportCommand());
} // namespace

} // namespace cardiolens::cli
