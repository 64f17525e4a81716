#include "ecg/SignalSource.h"

#include <algorithm>
#include <vector>

namespace cardiolens::ecg {

int SignalSource::frameSize() const {
    int size = 0;
    for (int l = 0; l < leadCount(); ++l)
        size += samplesPerFrame(l);
    return size;
}

std::int64_t SignalSource::readFrames(std::int64_t firstFrame, std::int64_t frames,
                                      std::int32_t* out) const {
    if (firstFrame < 0 || frames <= 0 || firstFrame >= frameCount())
        return 0;
    frames = std::min(frames, frameCount() - firstFrame);
    const int size = frameSize();
    std::vector<std::int32_t> buffer;
    int slot = 0;
    for (int l = 0; l < leadCount(); ++l) {
        const int spf = samplesPerFrame(l);
        buffer.resize(std::size_t(frames * spf));
        readRaw(l, firstFrame * spf, frames * spf, buffer.data());
        for (std::int64_t f = 0; f < frames; ++f)
            for (int k = 0; k < spf; ++k)
                out[f * size + slot + k] = buffer[std::size_t(f * spf + k)];
        slot += spf;
    }
    return frames;
}

} // namespace cardiolens::ecg
