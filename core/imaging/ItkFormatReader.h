#pragma once

#include "imaging/CineVolume.h"

namespace cardiolens::imaging {

/// MetaImage (.mhd/.mha) and NRRD (.nrrd/.nhdr) through ITK, each header checked by
/// Cardiolens (MetaImageHeader, NrrdHeader) against the data size before ITK opens it.
/// 2-D images are one frame, 3-D ones slices, 4-D ones slices x phases.
class ItkFormatReader {
public:
    static Result<CineVolume> readMetaImage(const QString& path);
    static Result<CineVolume> readNrrd(const QString& path);
};

} // namespace cardiolens::imaging
