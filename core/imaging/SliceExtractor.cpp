#include "imaging/SliceExtractor.h"

namespace cardiolens::imaging {

ImageSlice extractSlice(const CineVolume& volume, int slice, int phase) {
    ImageSlice out;
    if (volume.isEmpty() || slice < 0 || slice >= volume.slices() || phase < 0 ||
        phase >= volume.phases())
        return out;
    out.width = volume.width();
    out.height = volume.height();
    out.spacing = volume.geometry().pixelSpacing;
    out.modality = volume.info().modality;
    out.pixels.resize(std::size_t(out.width) * std::size_t(out.height));
    for (int y = 0; y < out.height; ++y)
        for (int x = 0; x < out.width; ++x)
            out.pixels[std::size_t(y) * std::size_t(out.width) + std::size_t(x)] =
                float(volume.valueAt(x, y, slice, phase));
    return out;
}

} // namespace cardiolens::imaging
