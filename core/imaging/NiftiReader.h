#pragma once

#include "imaging/CineVolume.h"

namespace cardiolens::imaging {

/// Reads NIfTI-1 (and, header-checked, NIfTI-2) images: 3-D (x, y, slice) and 4-D
/// (x, y, slice, phase), .nii / .nii.gz / .hdr+.img. The header is validated against the
/// file size (NiftiHeader::inspect) before ITK opens the file; pixels then go straight
/// into the volume's buffer. Frame time comes from pixdim[4] and the time unit.
class NiftiReader {
public:
    static Result<CineVolume> read(const QString& path);
};

} // namespace cardiolens::imaging
