#pragma once

#include "common/Result.h"
#include "imaging/LabelConvention.h"
#include "imaging/LabelVolume.h"

namespace cardiolens::labels {

/// What an export wrote.
struct LabelExportResult {
    qint64 bytes = 0;
    /// Voxels whose internal label the convention cannot express (written as 0).
    std::size_t droppedVoxels = 0;
};

/// Writes stored labels as a NIfTI label map in a dataset's convention. The file appears
/// whole or not at all (QSaveFile: written beside the target, then renamed), so an
/// interrupted export never leaves half a file in place of a good one.
class LabelExport {
public:
    static Result<LabelExportResult> writeNifti(const imaging::LabelVolume& labels,
                                                const QString& path,
                                                imaging::LabelConvention convention);
};

} // namespace cardiolens::labels
