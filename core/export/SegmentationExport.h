#pragma once

#include "common/Result.h"
#include "export/ExportOptions.h"
#include "export/ProvenanceManifest.h"

namespace cardiolens::exports {

/// What an export produced.
struct ExportSummary {
    QString target;     ///< The folder created (nnU-Net: the DatasetNNN_Name folder).
    QString provenance; ///< Its provenance manifest.
    int labels = 0;     ///< Label revisions exported.
    int cases = 0;      ///< Training cases / records / rows written.
    QStringList warnings;
};

/// nnU-Net v2 raw dataset and MONAI datalist exports of segmentation revisions
/// (LABELS.md §1.1, §1.2), written into \a root (the staging folder).
class SegmentationExport {
public:
    static Result<ExportSummary> nnunet(labels::LabelStore& store, const ExportOptions& options,
                                        const QString& root, ProvenanceManifest& manifest);
    static Result<ExportSummary> monai(labels::LabelStore& store, const ExportOptions& options,
                                       const QString& root, ProvenanceManifest& manifest);
    /// "Dataset501_Cardiolens".
    static QString nnunetFolderName(const ExportOptions& options);
};

} // namespace cardiolens::exports
