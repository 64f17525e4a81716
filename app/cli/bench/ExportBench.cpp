// bench export-nnunet [--case FOLDER]: SCD0000101's expert labels stored as an accepted
// revision (not timed), then exported as nnU-Net 2-D cases (one per labelled frame, image
// re-read from the DICOM folder and written as NIfTI, provenance hashed). Target < 5 s.
#include "cli/bench/Bench.h"

#include "common/DataPaths.h"
#include "export/Exporter.h"
#include "imaging/ImageLoader.h"
#include "labels/DatasetLabelImport.h"

#include <QDir>
#include <QTemporaryDir>

namespace cardiolens::cli {

namespace {
using namespace labels;

QJsonObject runExportBench(const QStringList& args) {
    const int at = int(args.indexOf(QStringLiteral("--case")));
    QString folder = at >= 0 && at + 1 < args.size() ? args[at + 1] : QString();
    if (folder.isEmpty() && !DataPaths::sharedDataDir().isEmpty())
        folder = QDir(DataPaths::sharedDataDir())
                     .filePath(QStringLiteral("imaging/sunnybrook/dicoms/SCD0000101"));
    if (folder.isEmpty() || !QDir(folder).exists())
        return {{QStringLiteral("error"), QStringLiteral("SCD0000101 not found (shared data "
                                                         "absent; pass --case FOLDER)")}};
    QTemporaryDir dir;
    auto store = LabelStore::open(StoreLocation::sqlite(dir.filePath(QStringLiteral("l.sqlite"))));
    if (!store)
        return {{QStringLiteral("error"), store.error().describe()}};
    auto imported = DatasetLabelImport::fromDataset(folder);
    if (!imported)
        return {{QStringLiteral("error"), imported.error().describe()}};
    auto match = (*store)->ensureCase(imported->caseDescription);
    if (!match)
        return {{QStringLiteral("error"), match.error().describe()}};
    NewRevision r;
    r.caseId = match->record->id;
    r.origin = Origin::dataset(imported->datasetName);
    r.state = ReviewState::Accepted;
    if (auto id = (*store)->saveSegmentation(r, imported->labels); !id)
        return {{QStringLiteral("error"), id.error().describe()}};
    // The DICOM read alone, for the breakdown (the export reads the folder again itself).
    const double l0 = nowMs();
    const bool readOk = imaging::ImageLoader::load(imported->caseDescription.path).ok();
    const double readMs = nowMs() - l0;
    exports::ExportOptions o;
    o.outDir = dir.filePath(QStringLiteral("raw"));
    const double t0 = nowMs();
    auto summary = exports::Exporter::run(**store, o);
    const double ms = nowMs() - t0;
    if (!summary)
        return {{QStringLiteral("error"), summary.error().describe()}};
    return {{QStringLiteral("case"), folder},
            {QStringLiteral("cases_written"), summary->cases},
            {QStringLiteral("export_s"), ms / 1000.0},
            {QStringLiteral("ms_per_case"), ms / std::max(1, summary->cases)},
            {QStringLiteral("image_read_s"), readOk ? readMs / 1000.0 : -1.0},
            {QStringLiteral("target_s"), 5.0},
            {QStringLiteral("meets_target"), ms < 5000.0}};
}

const bool registered = registerBench(
    {QStringLiteral("export-nnunet"),
     QStringLiteral("export SCD0000101's labelled frames as nnU-Net 2-D cases (target < 5 s)"),
     runExportBench});
} // namespace

} // namespace cardiolens::cli
