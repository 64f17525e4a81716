#include "export/Exporter.h"

#include "export/EcgExport.h"
#include "export/ExportFolder.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

namespace cardiolens::exports {

namespace {
const QRegularExpression kDatasetFolder(QStringLiteral("^Dataset(\\d{3})_(.+)$"));

// nnU-Net's rule: a dataset id is taken once in a raw folder.
Result<bool> checkIdFree(const QString& target, int id) {
    const QFileInfo t(target);
    const QDir parent = t.dir();
    for (const QString& d : parent.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const auto m = kDatasetFolder.match(d);
        if (m.hasMatch() && m.captured(1).toInt() == id && d != t.fileName())
            return fileError(parent.filePath(d),
                             QStringLiteral("dataset id %1 is already taken here; choose "
                                            "another --dataset-id")
                                 .arg(id, 3, 10, QLatin1Char('0')));
    }
    return true;
}
} // namespace

QString Exporter::targetFolder(const ExportOptions& options) {
    const QString out = QDir::cleanPath(QDir(options.outDir).absolutePath());
    if (options.format != ExportFormat::Nnunet ||
        kDatasetFolder.match(QFileInfo(out).fileName()).hasMatch())
        return out;
    return QDir(out).filePath(SegmentationExport::nnunetFolderName(options));
}

Result<ExportSummary> Exporter::run(const QString& source, const ExportOptions& options) {
    auto store = ExportSource::open(source);
    if (!store)
        return store.error();
    return run(**store, options);
}

Result<ExportSummary> Exporter::run(labels::LabelStore& store, const ExportOptions& given) {
    if (auto v = given.validate(); !v)
        return v.error();
    ExportOptions options = given;
    const QString target = targetFolder(options);
    if (options.format == ExportFormat::Nnunet) {
        // A target named DatasetNNN_Name sets the id and name.
        const auto m = kDatasetFolder.match(QFileInfo(target).fileName());
        options.datasetId = m.captured(1).toInt();
        options.datasetName = m.captured(2);
        if (auto v = options.validate(); !v)
            return fileError(target, v.error().message);
        if (auto free = checkIdFree(target, options.datasetId); !free)
            return free.error();
    }
    auto folder = ExportFolder::begin(target, options.overwrite);
    if (!folder)
        return folder.error();
    const QString root = folder->staging();
    ProvenanceManifest manifest(options, store.where());
    Result<ExportSummary> summary = Error{};
    switch (options.format) {
    case ExportFormat::Nnunet:
        summary = SegmentationExport::nnunet(store, options, root, manifest);
        break;
    case ExportFormat::Monai:
        summary = SegmentationExport::monai(store, options, root, manifest);
        break;
    case ExportFormat::Wfdb:
        summary = EcgExport::wfdb(store, options, root, manifest);
        break;
    case ExportFormat::PtbXl:
        summary = EcgExport::ptbxl(store, options, root, manifest);
        break;
    case ExportFormat::Cinc2017:
        summary = EcgExport::cinc2017(store, options, root, manifest);
        break;
    }
    if (!summary)
        return summary.error();
    if (auto w = manifest.write(root); !w)
        return w.error();
    if (auto c = folder->commit(); !c)
        return c.error();
    summary->target = target;
    summary->provenance = QDir(target).filePath(QString::fromLatin1(ProvenanceManifest::kFileName));
    summary->warnings = manifest.warnings();
    return summary;
}

} // namespace cardiolens::exports
