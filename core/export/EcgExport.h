#pragma once

#include "export/SegmentationExport.h"

namespace cardiolens::exports {

/// ECG label exports (LABELS.md §1.4, §1.5): WFDB annotation files (beats + rhythm, one
/// file per record under the chosen annotator), a PTB-XL style CSV and a CinC 2017
/// REFERENCE.csv. Only labels are written; the signals stay where they are.
class EcgExport {
public:
    static Result<ExportSummary> wfdb(labels::LabelStore& store, const ExportOptions& options,
                                      const QString& root, ProvenanceManifest& manifest);
    static Result<ExportSummary> ptbxl(labels::LabelStore& store, const ExportOptions& options,
                                       const QString& root, ProvenanceManifest& manifest);
    static Result<ExportSummary> cinc2017(labels::LabelStore& store, const ExportOptions& options,
                                          const QString& root, ProvenanceManifest& manifest);
    /// N, A, O or ~ for a record code (AF/AFIB -> A, NORM/SR -> N, noise -> ~); empty if none.
    static QString cinc2017Class(const QString& code);
};

} // namespace cardiolens::exports
