#pragma once

#include <QString>

#include <cstdint>
#include <vector>

namespace cardiolens::tools {

/// Writes an uncompressed AVI (RIFF, 24-bit BI_RGB frames, idx1 index) of greyscale frames:
/// enough for a reader built on FFmpeg to open it as EchoNet-Dynamic's Videos/*.avi.
class AviWriter {
public:
    /// \a frames: width x height bytes each, top row first. Returns false on an IO error.
    static bool write(const QString& path, int width, int height, double fps,
                      const std::vector<std::vector<std::uint8_t>>& frames);
};

} // namespace cardiolens::tools
