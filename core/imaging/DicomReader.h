#pragma once

#include "imaging/CineVolume.h"
#include "imaging/DicomSeries.h"

#include <vector>

namespace cardiolens::imaging {

/// Reads DICOM images into cine volumes through GDCM (native, RLE, JPEG family, palette
/// colour). Pixel types: 8-bit grey -> UInt8, 16-bit grey that fits -> Int16, rescaled or
/// wider data -> Float32, RGB / YBR_FULL / PALETTE COLOR -> Rgb8.
class DicomReader {
public:
    /// The cine in \a folder: the series \a seriesUid, or the one with the most files.
    static Result<CineVolume> readFolder(const QString& folder, const QString& seriesUid = {});
    /// Single-frame files of a series assembled by DicomCineAssembler. When
    /// \a frameSources is given it receives each frame's source file (frameIndex order;
    /// empty for blank frames).
    static Result<CineVolume> readSeries(const DicomSeries& series,
                                         std::vector<QString>* frameSources = nullptr);
    /// One file: a single frame (1 slice x 1 phase) or a multi-frame clip (frames become
    /// phases, timed by Frame Time / Frame Time Vector / Cine Rate).
    static Result<CineVolume> readFile(const QString& path);
};

} // namespace cardiolens::imaging
