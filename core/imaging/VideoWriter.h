#pragma once

#include "imaging/CineVolume.h"

namespace cardiolens::imaging {

/// Writes a one-slice cine (UInt8 grey or Rgb8) as a video through FFmpeg: AVI with
/// MJPEG (what EchoNet-style clips use; lossy) or FFV1 (lossless), at the frame rate
/// given by the volume's frame time; or MPEG-4 Part 2 (lossy, for .mp4). The container
/// follows the file name. For exports, test fixtures and benchmarks.
class VideoWriter {
public:
    enum class Codec { Mjpeg, Ffv1, Mpeg4 };
    static Result<bool> write(const CineVolume& volume, const QString& path,
                              Codec codec = Codec::Mjpeg);
};

} // namespace cardiolens::imaging
