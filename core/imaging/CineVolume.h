#pragma once

#include "common/Result.h"
#include "imaging/FrameView.h"
#include "imaging/PixelType.h"
#include "imaging/SeriesInfo.h"
#include "imaging/VolumeGeometry.h"

#include <QStringList>

#include <cstddef>
#include <memory>
#include <span>

namespace cardiolens::imaging {

/// A cine image: x × y × slice × phase samples of one pixel type in ONE contiguous buffer,
/// x fastest, then y, slice, phase (the NIfTI order, so a 4-D NIfTI reads straight in).
/// Frame (slice, phase) is a contiguous width × height block; FrameView gives typed access
/// without copying. Move-only: copying a cine is explicit (clone()).
class CineVolume {
public:
    /// Refuses volumes beyond this size: no cardiac cine comes near it, a lying header does.
    static constexpr std::size_t kMaxBytes = std::size_t(8) << 30;
    /// Copies of a volume's size a command may hold at once (the volume, a float working
    /// copy for a model or metrics, masks and labels): the memory budget is shared by them.
    static constexpr int kWorkingCopies = 4;
    /// The largest volume a reader may allocate now: kMaxBytes, lowered to the memory
    /// budget (common/MemoryBudget) divided by kWorkingCopies.
    static std::size_t maxBytes();
    /// An error for \a source when \a bytes exceeds maxBytes(); \a what describes the data.
    static Result<bool> checkBudget(long double bytes, const QString& source, const QString& what);

    CineVolume() = default;
    CineVolume(CineVolume&&) noexcept = default;
    CineVolume& operator=(CineVolume&&) noexcept = default;
    CineVolume(const CineVolume&) = delete;
    CineVolume& operator=(const CineVolume&) = delete;

    /// Allocates a volume (zero-filled unless \a zeroFill is false, for readers that
    /// overwrite every byte). Fails cleanly on an invalid extent, an oversized request or
    /// when memory runs out; \a source names the file in the error.
    static Result<CineVolume> create(const VolumeExtent& extent, PixelType type,
                                     const QString& source = {}, bool zeroFill = true);

    CineVolume clone() const;

    /// Reinterprets the same buffer with another extent of equal pixel count, without
    /// copying: e.g. a 2-D+t file read as slices becomes 1 slice x N phases. Trigger
    /// times are dropped when the phase count changes. False (and no change) otherwise.
    bool reshape(const VolumeExtent& extent);

    bool isEmpty() const { return m_bytes == 0; }
    const VolumeExtent& extent() const { return m_extent; }
    int width() const { return m_extent.width; }
    int height() const { return m_extent.height; }
    int slices() const { return m_extent.slices; }
    int phases() const { return m_extent.phases; }
    PixelType pixelType() const { return m_type; }

    /// Geometry and metadata are free to edit; the extent and pixel type are fixed.
    VolumeGeometry& geometry() { return m_geometry; }
    const VolumeGeometry& geometry() const { return m_geometry; }
    SeriesInfo& info() { return m_info; }
    const SeriesInfo& info() const { return m_info; }
    /// Non-fatal problems the reader found (invalid UIDs, odd spacing, ...).
    QStringList& warnings() { return m_warnings; }
    const QStringList& warnings() const { return m_warnings; }

    std::size_t frameIndex(int slice, int phase) const {
        return std::size_t(phase) * std::size_t(m_extent.slices) + std::size_t(slice);
    }
    std::size_t bytesPerFrame() const { return m_extent.pixelsPerFrame() * bytesPerPixel(m_type); }
    std::span<std::byte> bytes() { return {m_data.get(), m_bytes}; }
    std::span<const std::byte> bytes() const { return {m_data.get(), m_bytes}; }
    std::span<std::byte> frameBytes(int slice, int phase) {
        return bytes().subspan(frameIndex(slice, phase) * bytesPerFrame(), bytesPerFrame());
    }
    std::span<const std::byte> frameBytes(int slice, int phase) const {
        return bytes().subspan(frameIndex(slice, phase) * bytesPerFrame(), bytesPerFrame());
    }

    /// True when T is the stored pixel type; the typed accessors below require it.
    template <typename T> bool holds() const { return PixelTypeOf<T>::value == m_type; }

    /// Typed view of frame (slice, phase). Precondition: holds<T>().
    template <typename T> FrameView<T> frame(int slice, int phase) {
        return {reinterpret_cast<T*>(frameBytes(slice, phase).data()), width(), height()};
    }
    template <typename T> FrameView<const T> frame(int slice, int phase) const {
        return {reinterpret_cast<const T*>(frameBytes(slice, phase).data()), width(), height()};
    }
    /// The whole buffer as T. Precondition: holds<T>().
    template <typename T> std::span<T> pixels() {
        return {reinterpret_cast<T*>(m_data.get()), m_extent.pixelCount()};
    }
    template <typename T> std::span<const T> pixels() const {
        return {reinterpret_cast<const T*>(m_data.get()), m_extent.pixelCount()};
    }

    /// Any pixel as a number (RGB as Rec. 601 luma): for metrics, tests and tools that do
    /// not care about the stored type. Not for tight loops over whole volumes.
    double valueAt(int x, int y, int slice, int phase) const;

private:
    VolumeExtent m_extent;
    PixelType m_type = PixelType::UInt8;
    std::unique_ptr<std::byte[]> m_data;
    std::size_t m_bytes = 0;
    VolumeGeometry m_geometry;
    SeriesInfo m_info;
    QStringList m_warnings;
};

} // namespace cardiolens::imaging
