#pragma once

#include "common/Result.h"
#include "imaging/ImageSlice.h"

namespace cardiolens::imaging {

/// Reads the first frame of a DICOM image file through ITK/GDCM as a float slice.
/// Colour images are converted to luminance.
class DicomSliceReader {
public:
    static Result<ImageSlice> read(const QString& path);
};

} // namespace cardiolens::imaging
