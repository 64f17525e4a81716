#pragma once

#include "common/Result.h"
#include "imaging/LabelConvention.h"
#include "labels/Revision.h"

#include <QJsonObject>
#include <QString>

#include <optional>
#include <vector>

namespace cardiolens::exports {

/// What an export writes (LABELS.md §1).
enum class ExportFormat {
    Nnunet,   ///< nnU-Net v2 raw dataset (segmentations).
    Monai,    ///< MONAI datalist + MSD dataset.json (segmentations).
    Wfdb,     ///< WFDB annotation files per record (beats + rhythm).
    PtbXl,    ///< PTB-XL style CSV with scp_codes and strat_fold (record labels).
    Cinc2017, ///< CinC 2017 REFERENCE.csv (record labels).
};

QString exportFormatName(ExportFormat format);
std::optional<ExportFormat> exportFormatFromName(const QString& name);

/// Every setting of one export; all of it is written into the provenance manifest.
struct ExportOptions {
    ExportFormat format = ExportFormat::Nnunet;
    /// The folder that is created (it must not exist unless overwrite is set). For nnunet
    /// the dataset folder DatasetNNN_Name is created inside it.
    QString outDir;
    /// Review states exported; accepted only by default.
    std::vector<labels::ReviewState> states{labels::ReviewState::Accepted};
    imaging::LabelConvention convention = imaging::LabelConvention::Internal;
    /// Segmentations: one 3-D case per labelled phase instead of one 2-D case per frame.
    bool perPhase3d = false;
    /// Adds nnU-Net's "ignore" label (the highest value) for the unknown parts of partly
    /// labelled frames: a frame lacking a structure other frames of its case have gets
    /// ignore around what was drawn (ignoreBandPx), where the missing structure must lie.
    bool ignoreLabel = false;
    int ignoreBandPx = 12;
    int datasetId = 501; ///< nnU-Net DatasetNNN (1-10 are the MSD tasks).
    QString datasetName = QStringLiteral("Cardiolens");
    int folds = 5;   ///< splits_final.json / PTB-XL strat_fold count (patient-level).
    int seed = 1234; ///< Shuffles patients before folding (as nnU-Net's ACDC converter).
    double validationFraction = 0.2;          ///< MONAI: share of patients in "validation".
    QString annotator = QStringLiteral("cl"); ///< WFDB annotator (file extension).
    bool overwrite = false; ///< Replace an existing OUT (only after the new one is complete).

    /// Checks ranges and names; the error names the offending option.
    Result<bool> validate() const;
    QJsonObject toJson() const;
};

} // namespace cardiolens::exports
