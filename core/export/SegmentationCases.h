#pragma once

#include "common/Result.h"
#include "export/ExportOptions.h"
#include "export/ExportSource.h"
#include "imaging/CineVolume.h"
#include "imaging/LabelVolume.h"

#include <QStringList>

#include <vector>

namespace cardiolens::exports {

/// One training case written as an image + label NIfTI pair.
struct WrittenCase {
    QString id;      ///< nnU-Net identifier, e.g. SCD0000101_s05_p00.
    QString patient; ///< For patient-level folds.
    QString image;   ///< Relative to the export root.
    QString label;   ///< Relative to the export root.
    int slice = -1;  ///< 2-D cases: the frame's slice; -1 for a 3-D case.
    int phase = 0;
    bool partial = false; ///< Lacks a structure other frames of the case have.
    std::size_t droppedVoxels = 0;
};

/// The label values of an export: background 0, the convention's labels consecutively
/// (named by their internal keys, e.g. "lv_blood_pool"), and "ignore" last when asked for.
struct ExportLabelTable {
    std::vector<std::pair<QString, int>> names; ///< name -> value, background first.
    int ignoreValue = -1;                       ///< -1 without an ignore label.
    static ExportLabelTable build(const ExportOptions& options);
};

/// Turns one stored segmentation into training cases: each labelled frame as a single-slice
/// NIfTI with that frame's geometry (origin moved to the frame's slice), or one 3-D case per
/// labelled phase. The image is re-read from the case's source and re-written as NIfTI
/// (pixels and geometry only: no DICOM header, so no patient name, id or birth date).
class SegmentationCases {
public:
    /// \a imagePath(id) / \a labelPath(id): relative paths inside \a root for a case id.
    static Result<std::vector<WrittenCase>>
    write(labels::LabelStore& store, const SelectedLabel& label, const ExportOptions& options,
          const QString& root, const std::function<QString(const QString&)>& imagePath,
          const std::function<QString(const QString&)>& labelPath, QStringList& warnings);

    /// Sets background pixels within \a bandPx (chessboard distance) of any label to
    /// \a ignoreValue, in place. Public for tests.
    static void applyIgnoreBand(std::span<std::uint8_t> plane, int width, int height, int bandPx,
                                std::uint8_t ignoreValue);
};

} // namespace cardiolens::exports
