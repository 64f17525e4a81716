#include "imaging/CineVolume.h"

#include "common/MemoryBudget.h"

#include <algorithm>

#include <cstring>
#include <limits>
#include <new>

namespace cardiolens::imaging {

Result<CineVolume> CineVolume::create(const VolumeExtent& extent, PixelType type,
                                      const QString& source, bool zeroFill) {
    if (!extent.isValid())
        return fileError(source, QStringLiteral("invalid volume size %1 x %2 x %3 slices x %4 "
                                                "phases")
                                     .arg(extent.width)
                                     .arg(extent.height)
                                     .arg(extent.slices)
                                     .arg(extent.phases));
    // Multiply in long double first: four ints can overflow size_t's range checks.
    const long double bytes = (long double)extent.width * extent.height * extent.slices *
                              extent.phases * (long double)bytesPerPixel(type);
    if (auto fits = checkBudget(bytes, source,
                                QStringLiteral("volume of %1 x %2 x %3 x %4 %5 pixels")
                                    .arg(extent.width)
                                    .arg(extent.height)
                                    .arg(extent.slices)
                                    .arg(extent.phases)
                                    .arg(QLatin1String(pixelTypeName(type))));
        !fits)
        return fits.error();
    CineVolume v;
    v.m_extent = extent;
    v.m_type = type;
    v.m_bytes = std::size_t(bytes);
    try {
        v.m_data = std::make_unique_for_overwrite<std::byte[]>(v.m_bytes);
    } catch (const std::bad_alloc&) {
        return fileError(
            source,
            QStringLiteral("out of memory allocating %1 MB for the volume").arg(v.m_bytes >> 20));
    }
    if (zeroFill)
        std::memset(v.m_data.get(), 0, v.m_bytes);
    v.m_info.sourcePath = source;
    return v;
}

std::size_t CineVolume::maxBytes() {
    return std::min<std::size_t>(kMaxBytes, MemoryBudget::capBytes() / kWorkingCopies);
}

Result<bool> CineVolume::checkBudget(long double bytes, const QString& source,
                                     const QString& what) {
    if (bytes <= (long double)maxBytes())
        return true;
    const auto mb = [](long double b) {
        return QString::number(double(b / 1048576.0L), 'f', 0);
    };
    if (maxBytes() == kMaxBytes)
        return fileError(source, QStringLiteral("%1 needs %2 MB, more than the %3 MB limit")
                                     .arg(what, mb(bytes), mb(kMaxBytes)));
    return fileError(source, QStringLiteral("%1 needs %2 MB; with the %3 working copies a "
                                            "command makes, that exceeds the limit, %4; refused")
                                 .arg(what, mb(bytes))
                                 .arg(kWorkingCopies)
                                 .arg(MemoryBudget::describeCap()));
}

CineVolume CineVolume::clone() const {
    CineVolume v;
    v.m_extent = m_extent;
    v.m_type = m_type;
    v.m_bytes = m_bytes;
    if (m_bytes) {
        v.m_data = std::make_unique_for_overwrite<std::byte[]>(m_bytes);
        std::memcpy(v.m_data.get(), m_data.get(), m_bytes);
    }
    v.m_geometry = m_geometry;
    v.m_info = m_info;
    v.m_warnings = m_warnings;
    return v;
}

bool CineVolume::reshape(const VolumeExtent& extent) {
    if (!extent.isValid() || extent.pixelCount() != m_extent.pixelCount())
        return false;
    if (extent.phases != m_extent.phases)
        m_geometry.triggerTimesMs.clear();
    m_extent = extent;
    return true;
}

double CineVolume::valueAt(int x, int y, int slice, int phase) const {
    const std::size_t index =
        frameIndex(slice, phase) * m_extent.pixelsPerFrame() + std::size_t(y) * width() + x;
    const std::byte* p = m_data.get() + index * bytesPerPixel(m_type);
    switch (m_type) {
    case PixelType::UInt8:
        return double(std::to_integer<std::uint8_t>(*p));
    case PixelType::Int16: {
        std::int16_t v;
        std::memcpy(&v, p, sizeof v);
        return v;
    }
    case PixelType::Float32: {
        float v;
        std::memcpy(&v, p, sizeof v);
        return v;
    }
    case PixelType::Rgb8: {
        const auto r = std::to_integer<int>(p[0]);
        const auto g = std::to_integer<int>(p[1]);
        const auto b = std::to_integer<int>(p[2]);
        return 0.299 * r + 0.587 * g + 0.114 * b;
    }
    }
    return std::numeric_limits<double>::quiet_NaN();
}

} // namespace cardiolens::imaging
