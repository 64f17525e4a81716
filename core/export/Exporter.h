#pragma once

#include "export/SegmentationExport.h"

namespace cardiolens::exports {

/// Runs one export end to end: picks the labels, writes the format into a staging folder
/// beside the target, writes the provenance manifest, and renames the folder into place.
/// Nothing appears at the target unless everything was written.
class Exporter {
public:
    /// \a source: a project folder (DIR/labels.sqlite), a store file or a PostgreSQL URL.
    static Result<ExportSummary> run(const QString& source, const ExportOptions& options);
    static Result<ExportSummary> run(labels::LabelStore& store, const ExportOptions& options);
    /// The folder an export with \a options creates: OUT, or for nnunet OUT/DatasetNNN_Name
    /// unless OUT is itself named DatasetNNN_Something.
    static QString targetFolder(const ExportOptions& options);
};

} // namespace cardiolens::exports
