#pragma once

#include "imaging/CineVolume.h"
#include "imaging/LabelVolume.h"

namespace cardiolens::imaging {

/// Writes a volume in the format its file name asks for: .nii / .nii.gz (NiftiWriter),
/// .mhd (+ .raw, or .zraw when \a compress) / .mha (MetaImage), .nrrd / .nhdr (NRRD).
/// 4-D output carries the frame time along the fourth axis (seconds for NIfTI, ms for
/// MetaImage and NRRD, whose readers here take that axis as ms).
class VolumeWriter {
public:
    static Result<bool> write(const CineVolume& volume, const QString& path, bool compress = false);
    static Result<bool> write(const LabelVolume& labels, const QString& path,
                              bool compress = false) {
        return write(labels.volume(), path, compress);
    }
};

} // namespace cardiolens::imaging
