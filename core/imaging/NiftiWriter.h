#pragma once

#include "imaging/CineVolume.h"
#include "imaging/LabelVolume.h"

namespace cardiolens::imaging {

/// Writes a cine or label volume as NIfTI-1 through ITK: 3-D when it has one phase, else
/// 4-D with the frame time (seconds) in pixdim[4]; gzip-compressed when the name ends in
/// .gz. Geometry (spacing, origin, direction) goes into qform/sform as ITK writes them.
class NiftiWriter {
public:
    static Result<bool> write(const CineVolume& volume, const QString& path);
    static Result<bool> write(const LabelVolume& labels, const QString& path) {
        return write(labels.volume(), path);
    }
};

} // namespace cardiolens::imaging
