#pragma once
// Internal to core/imaging: decodes the pixel data of one DICOM file (all its frames)
// into a caller-provided buffer of a chosen PixelType, without GDCM types in the header.

#include "common/Result.h"
#include "imaging/PixelType.h"

#include <array>
#include <span>

namespace cardiolens::imaging::detail {

struct DicomPixelLayout {
    int width = 0;
    int height = 0;
    int frames = 1;
    double frameTimeMs = 0.0; ///< Frame Time, Frame Time Vector mean or 1000/Cine Rate.
    std::array<double, 2> ultrasoundSpacing{0.0, 0.0}; ///< mm (x, y) from US regions; 0 if none.
};

/// The PixelType a file with these header values is stored as in a CineVolume.
PixelType pixelTypeFor(int samplesPerPixel, int bitsAllocated, int bitsStored,
                       int pixelRepresentation, const QString& photometric, double slope,
                       double intercept);

/// Decodes \a path into \a destination, which must hold exactly width x height x frames
/// pixels of \a type; fails cleanly on unreadable, truncated or mismatched files.
/// \a layout, when given, receives the file's dimensions and timing.
Result<bool> decodeDicomPixels(const QString& path, PixelType type,
                               std::span<std::byte> destination,
                               DicomPixelLayout* layout = nullptr);

} // namespace cardiolens::imaging::detail
