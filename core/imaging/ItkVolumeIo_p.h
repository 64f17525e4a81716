#pragma once
// Internal to core/imaging .cpp files (includes ITK): moves whole volumes between ITK
// ImageIO objects and CineVolume without an intermediate itk::Image, so pixel data is
// read straight into the volume's buffer and written straight from it.

#include "imaging/CineVolume.h"

#include <itkImageIOBase.h>

namespace cardiolens::imaging::detail {

/// What an ImageIO's header says: extent (dimensions 2..4 map to x, y, slice, phase),
/// stored pixel layout and geometry (LPS, as ITK reports it).
struct ImageLayout {
    VolumeExtent extent;
    unsigned dimensions = 0;
    unsigned components = 1;
    itk::IOComponentEnum component = itk::IOComponentEnum::UNKNOWNCOMPONENTTYPE;
    VolumeGeometry geometry;
};

/// Reads only the header of \a path with \a io.
Result<ImageLayout> readImageLayout(itk::ImageIOBase* io, const QString& path);

/// Reads \a path with \a io (whose header the caller has already validated against the
/// file size). Dimensions 2..4 map to x, y, slice, phase. Stored types other than
/// uint8/int16/float/RGB are converted to float32 (RGBA drops alpha).
Result<CineVolume> readWithImageIo(itk::ImageIOBase* io, const QString& path);

/// Writes \a volume with \a io: 3-D when it has one phase, else 4-D with \a timeSpacing
/// (in the unit the format expects) along the phase axis.
Result<bool> writeWithImageIo(itk::ImageIOBase* io, const CineVolume& volume, const QString& path,
                              double timeSpacing);

} // namespace cardiolens::imaging::detail
