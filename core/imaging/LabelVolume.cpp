#include "imaging/LabelVolume.h"

#include <cmath>

namespace cardiolens::imaging {

Result<LabelVolume> LabelVolume::create(const VolumeExtent& extent,
                                        const VolumeGeometry& geometry) {
    auto v = CineVolume::create(extent, PixelType::UInt8);
    if (!v)
        return v.error();
    v->geometry() = geometry;
    return LabelVolume(std::move(v).value());
}

Result<LabelVolume> LabelVolume::like(const CineVolume& image) {
    auto labels = create(image.extent(), image.geometry());
    if (labels)
        labels->m_volume.info() = image.info();
    return labels;
}

namespace {
template <typename T>
Result<LabelVolume> convert(const CineVolume& src, Result<LabelVolume> target) {
    if (!target)
        return target;
    const auto in = src.pixels<T>();
    auto out = target->labels();
    for (std::size_t i = 0; i < in.size(); ++i) {
        const double v = double(in[i]);
        if (!(v >= 0.0 && v <= 255.0) || v != std::floor(v))
            return fileError(src.info().sourcePath,
                             QStringLiteral("not a label map: voxel %1 holds %2 (labels are "
                                            "integers 0..255)")
                                 .arg(i)
                                 .arg(v));
        out[i] = std::uint8_t(v);
    }
    return target;
}
} // namespace

Result<LabelVolume> LabelVolume::fromVolume(CineVolume&& volume) {
    if (volume.isEmpty())
        return fileError(volume.info().sourcePath, QStringLiteral("empty label volume"));
    Result<LabelVolume> result = LabelVolume();
    switch (volume.pixelType()) {
    case PixelType::UInt8:
        return LabelVolume(std::move(volume));
    case PixelType::Int16:
        result = convert<std::int16_t>(volume, create(volume.extent(), volume.geometry()));
        break;
    case PixelType::Float32:
        result = convert<float>(volume, create(volume.extent(), volume.geometry()));
        break;
    case PixelType::Rgb8:
        return fileError(volume.info().sourcePath,
                         QStringLiteral("a colour image cannot be a label map"));
    }
    if (result) {
        result->m_volume.info() = volume.info();
        result->m_volume.warnings() = volume.warnings();
    }
    return result;
}

} // namespace cardiolens::imaging
