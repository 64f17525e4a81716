#pragma once

#include "common/Result.h"
#include "imaging/DicomSeries.h"
#include "imaging/VolumeGeometry.h"

#include <vector>

namespace cardiolens::imaging {

/// Where each file of a single-frame series goes in the slice x phase grid, and the
/// geometry that grid has. Pure header logic: no pixel decoding, no GDCM.
struct DicomCineLayout {
    VolumeExtent extent;
    VolumeGeometry geometry;
    /// Index into DicomSeries::files for each frame, in CineVolume::frameIndex order
    /// (phase * slices + slice); -1 for a missing frame (left blank).
    std::vector<int> frameFile;
    QStringList warnings;
};

/// Orders single-frame MR files into a cine: slices by position along the slice normal
/// (normal = row x column direction), phases by trigger time (instance number when there
/// is none). Missing slices (a gap of 2-8 whole spacings) and missing phases
/// become blank frames with a warning; larger gaps, uneven spacing, a missing pixel spacing
/// (geometry.pixelSpacingKnown false) and non-orthonormal orientations
/// are warned about; mixed orientations or frame sizes are errors.
class DicomCineAssembler {
public:
    static Result<DicomCineLayout> assemble(const DicomSeries& series);
};

} // namespace cardiolens::imaging
