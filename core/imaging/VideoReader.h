#pragma once

#include "imaging/CineVolume.h"

namespace cardiolens::imaging {

/// Reads echo video files (AVI, MP4, anything FFmpeg demuxes and decodes) into a cine of
/// one slice whose frames are phases, e.g. EchoNet-Dynamic's 112 x 112 grey ~50 fps AVIs.
/// Grey content (chroma flat, or a grey pixel format) becomes UInt8, colour becomes Rgb8.
/// Frame times come from the stream's time stamps (frame rate when they are missing).
/// A file that ends early yields the frames decoded so far plus a warning.
class VideoReader {
public:
    enum class Colour { Auto, Grey, Rgb };
    struct Options {
        Colour colour = Colour::Auto;
        int maxFrames = 20000;   ///< Refuse longer videos (memory bound).
        int timeoutSeconds = 60; ///< Abort demuxing that takes longer (hang guard).
    };

    static Result<CineVolume> read(const QString& path);
    static Result<CineVolume> read(const QString& path, const Options& options);
    /// Frame size, frame count (announced, or duration x rate) and frame time from the
    /// container and stream headers, without decoding.
    struct Probe {
        int width = 0;
        int height = 0;
        int frames = 0;
        double frameTimeMs = 0.0;
        QString codec;
    };
    static Result<Probe> probe(const QString& path);
    /// True for extensions FFmpeg handles that this reader is meant for.
    static bool hasVideoExtension(const QString& path);
};

} // namespace cardiolens::imaging
