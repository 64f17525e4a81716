#include "imaging/edit/FrameIntensity.h"

#include "imaging/CineVolume.h"

namespace cardiolens::imaging {

namespace {
template <typename T>
void copyFrame(const CineVolume& image, int slice, int phase, std::vector<float>& out) {
    const auto pixels = image.frame<T>(slice, phase).pixels();
    out.assign(pixels.begin(), pixels.end());
}
} // namespace

std::vector<float> frameIntensity(const CineVolume& image, int slice, int phase) {
    std::vector<float> out;
    if (image.isEmpty() || slice < 0 || phase < 0 || slice >= image.slices() ||
        phase >= image.phases())
        return out;
    switch (image.pixelType()) {
    case PixelType::UInt8:
        copyFrame<std::uint8_t>(image, slice, phase, out);
        break;
    case PixelType::Int16:
        copyFrame<std::int16_t>(image, slice, phase, out);
        break;
    case PixelType::Float32:
        copyFrame<float>(image, slice, phase, out);
        break;
    case PixelType::Rgb8: {
        const auto pixels = image.frame<Rgb8>(slice, phase).pixels();
        out.reserve(pixels.size());
        for (const Rgb8& p : pixels)
            out.push_back(float(0.299 * p.r + 0.587 * p.g + 0.114 * p.b));
        break;
    }
    }
    return out;
}

} // namespace cardiolens::imaging
