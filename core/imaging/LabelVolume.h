#pragma once

#include "imaging/CineVolume.h"

#include <cstdint>

namespace cardiolens::imaging {

/// A label map (uint8 label per voxel, 0 = background) on the same grid as a cine: a
/// CineVolume of PixelType::UInt8 with label-specific construction and access. The label
/// VALUES follow whatever convention the source uses; mapping them to the internal label
/// table is the label module's job.
class LabelVolume {
public:
    LabelVolume() = default;

    /// An all-background label map with the extent and geometry of \a image.
    static Result<LabelVolume> like(const CineVolume& image);
    static Result<LabelVolume> create(const VolumeExtent& extent, const VolumeGeometry& geometry);
    /// Takes over a volume read from a label file. A uint8 volume is moved in without a
    /// copy; int16/float volumes are converted when every value is an integer in 0..255,
    /// otherwise refused (a label file must not hold intensities).
    static Result<LabelVolume> fromVolume(CineVolume&& volume);

    const CineVolume& volume() const { return m_volume; }
    const VolumeExtent& extent() const { return m_volume.extent(); }
    const VolumeGeometry& geometry() const { return m_volume.geometry(); }
    VolumeGeometry& geometry() { return m_volume.geometry(); }
    bool isEmpty() const { return m_volume.isEmpty(); }
    /// True when \a image has the same extent (labels drawn on it line up pixel for pixel).
    bool matches(const CineVolume& image) const { return image.extent() == extent(); }

    std::uint8_t at(int x, int y, int slice, int phase) const {
        return m_volume.frame<std::uint8_t>(slice, phase).at(x, y);
    }
    FrameView<std::uint8_t> frame(int slice, int phase) {
        return m_volume.frame<std::uint8_t>(slice, phase);
    }
    FrameView<const std::uint8_t> frame(int slice, int phase) const {
        return m_volume.frame<std::uint8_t>(slice, phase);
    }
    std::span<std::uint8_t> labels() { return m_volume.pixels<std::uint8_t>(); }
    std::span<const std::uint8_t> labels() const { return m_volume.pixels<std::uint8_t>(); }

private:
    explicit LabelVolume(CineVolume&& v) : m_volume(std::move(v)) {}
    CineVolume m_volume;
};

} // namespace cardiolens::imaging
