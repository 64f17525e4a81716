#include "imaging/NiftiReader.h"

#include "imaging/ItkVolumeIo_p.h"
#include "imaging/NiftiHeader.h"

#include <QFile>

#include <algorithm>
#include <cstring>
#include <vector>

#include <itkNiftiImageIO.h>
#include <zlib.h>

namespace cardiolens::imaging {

namespace {

// ITK supplies the geometry (qform/sform -> LPS direction, origin); the voxels are read
// here, straight into the volume's buffer with one pass of zlib. ITK's own data path
// would allocate a second full-size buffer and does not notice a gzip stream that ends
// early.
class GzReader {
public:
    explicit GzReader(const QString& path) {
        m_file = gzopen(QFile::encodeName(path).constData(), "rb");
        if (m_file)
            gzbuffer(m_file, 1 << 20);
    }
    ~GzReader() {
        if (m_file)
            gzclose(m_file);
    }
    GzReader(const GzReader&) = delete;
    GzReader& operator=(const GzReader&) = delete;
    bool isOpen() const { return m_file != nullptr; }
    bool seek(std::int64_t offset) { return gzseek(m_file, z_off_t(offset), SEEK_SET) == offset; }
    /// Reads up to size bytes; returns how many arrived (short on end of data or error).
    std::size_t read(void* out, std::size_t size) {
        std::size_t total = 0;
        auto* p = static_cast<char*>(out);
        while (total < size) {
            const auto chunk = unsigned(std::min<std::size_t>(size - total, 1u << 30));
            const int n = gzread(m_file, p + total, chunk);
            if (n <= 0)
                break;
            total += std::size_t(n);
        }
        return total;
    }
    QString lastError() {
        int code = 0;
        const char* message = gzerror(m_file, &code);
        return code == Z_OK || code == Z_STREAM_END || !message ? QString()
                                                                : QString::fromLatin1(message);
    }

private:
    gzFile m_file = nullptr;
};

template <typename T> T load(const char* p, bool swap) {
    unsigned char b[sizeof(T)];
    std::memcpy(b, p, sizeof(T));
    if (swap)
        std::reverse(b, b + sizeof(T));
    T v;
    std::memcpy(&v, b, sizeof(T));
    return v;
}

template <typename T>
void convert(const char* raw, std::size_t count, bool swap, double slope, double inter,
             float* out) {
    for (std::size_t i = 0; i < count; ++i)
        out[i] = float(double(load<T>(raw + i * sizeof(T), swap)) * slope + inter);
}

bool convertToFloat(int datatype, const char* raw, std::size_t count, bool swap, double slope,
                    double inter, float* out) {
    switch (datatype) {
    case 2:
        convert<std::uint8_t>(raw, count, swap, slope, inter, out);
        return true;
    case 256:
        convert<std::int8_t>(raw, count, swap, slope, inter, out);
        return true;
    case 4:
        convert<std::int16_t>(raw, count, swap, slope, inter, out);
        return true;
    case 512:
        convert<std::uint16_t>(raw, count, swap, slope, inter, out);
        return true;
    case 8:
        convert<std::int32_t>(raw, count, swap, slope, inter, out);
        return true;
    case 768:
        convert<std::uint32_t>(raw, count, swap, slope, inter, out);
        return true;
    case 1024:
        convert<std::int64_t>(raw, count, swap, slope, inter, out);
        return true;
    case 1280:
        convert<std::uint64_t>(raw, count, swap, slope, inter, out);
        return true;
    case 16:
        convert<float>(raw, count, swap, slope, inter, out);
        return true;
    case 64:
        convert<double>(raw, count, swap, slope, inter, out);
        return true;
    default:
        return false;
    }
}

void swapInPlace(std::span<std::byte> bytes, std::size_t width) {
    for (std::size_t i = 0; i + width <= bytes.size(); i += width)
        std::reverse(bytes.begin() + std::ptrdiff_t(i), bytes.begin() + std::ptrdiff_t(i + width));
}

Result<CineVolume> readVoxels(const NiftiHeader& header, const QString& path,
                              const VolumeGeometry& geometry, const QStringList& warnings) {
    VolumeExtent extent;
    extent.width = int(header.dim[1]);
    extent.height = header.dimensions >= 2 ? int(header.dim[2]) : 1;
    extent.slices = header.dimensions >= 3 ? int(header.dim[3]) : 1;
    extent.phases = header.dimensions >= 4 ? int(header.dim[4]) : 1;
    const bool scaled =
        header.sclSlope != 0.0 && (header.sclSlope != 1.0 || header.sclInter != 0.0);
    PixelType type = PixelType::Float32;
    bool direct = !scaled;
    switch (header.datatype) {
    case 2:
        type = scaled ? PixelType::Float32 : PixelType::UInt8;
        break;
    case 4:
        type = scaled ? PixelType::Float32 : PixelType::Int16;
        break;
    case 16:
        break;
    case 128:
    case 2304:
        type = PixelType::Rgb8;
        direct = header.datatype == 128;
        break;
    default:
        direct = false;
    }

    auto created = CineVolume::create(extent, type, path, /*zeroFill=*/false);
    if (!created)
        return created.error();
    CineVolume volume = std::move(created).value();

    GzReader in(header.dataFile);
    if (!in.isOpen() || !in.seek(header.voxOffset))
        return fileError(
            header.dataFile,
            QStringLiteral("cannot reach the voxel data at byte %1").arg(header.voxOffset));
    const std::size_t wanted = std::size_t(header.dataBytes());
    std::vector<char> raw;
    std::size_t got = 0;
    try {
        if (direct) {
            got = in.read(volume.bytes().data(), wanted);
        } else {
            raw.resize(wanted); // Bounded: the header was checked against the file.
            got = in.read(raw.data(), wanted);
        }
    } catch (const std::bad_alloc&) {
        return fileError(path, QStringLiteral("out of memory reading voxel data"));
    }
    if (got < wanted) {
        const QString why = in.lastError();
        return fileError(header.dataFile,
                         QStringLiteral("voxel data truncated or corrupt: %1 of %2 bytes read%3")
                             .arg(got)
                             .arg(wanted)
                             .arg(why.isEmpty() ? QString() : QStringLiteral(" (") + why + u')'));
    }

    if (direct) {
        if (header.byteSwapped && bytesPerPixel(type) > 1 && type != PixelType::Rgb8)
            swapInPlace(volume.bytes(), bytesPerPixel(type));
    } else if (type == PixelType::Rgb8) { // RGBA: drop alpha.
        auto out = volume.pixels<Rgb8>();
        for (std::size_t i = 0; i < out.size(); ++i)
            out[i] = {std::uint8_t(raw[i * 4]), std::uint8_t(raw[i * 4 + 1]),
                      std::uint8_t(raw[i * 4 + 2])};
    } else {
        const double slope = scaled ? header.sclSlope : 1.0;
        const double inter = scaled ? header.sclInter : 0.0;
        if (!convertToFloat(header.datatype, raw.data(), extent.pixelCount(), header.byteSwapped,
                            slope, inter, volume.pixels<float>().data()))
            return fileError(path,
                             QStringLiteral("unsupported NIfTI datatype %1").arg(header.datatype));
    }

    VolumeGeometry& g = volume.geometry();
    g = geometry;
    volume.warnings() << warnings;
    g.frameTimeMs = header.frameTimeMs();
    volume.warnings() << g.check(extent.phases);
    SeriesInfo& info = volume.info();
    info.sourcePath = path;
    info.format = QStringLiteral("NIfTI");
    return volume;
}

} // namespace

Result<CineVolume> NiftiReader::read(const QString& path) {
    auto inspected = NiftiHeader::inspect(path);
    if (!inspected)
        return inspected.error();
    const NiftiHeader& header = *inspected;
    for (int i = 5; i <= header.dimensions; ++i) {
        if (header.dim[std::size_t(i)] > 1)
            return fileError(path, QStringLiteral("%1-D NIfTI images are not supported (up to "
                                                  "x, y, slice, phase)")
                                       .arg(header.dimensions));
    }
    if (header.datatype == 32)
        return fileError(path, QStringLiteral("complex-valued NIfTI images are not supported"));

    // Geometry from ITK (the header is already known to be honest about sizes).
    QStringList geometryWarnings;
    VolumeGeometry geometry;
    // ITK only opens files named .nii/.nii.gz/.hdr, and Debian's ITK 5.2 reads NIfTI-1
    // only; others get the header's own geometry.
    if (!NiftiHeader::hasNiftiExtension(path) || header.version == 2) {
        geometry = header.geometryFromHeader(geometryWarnings);
        return readVoxels(header, path, geometry, geometryWarnings);
    }
    auto io = itk::NiftiImageIO::New();
    auto layout = detail::readImageLayout(io.GetPointer(), path);
    if (layout) {
        geometry = layout->geometry;
    } else if (layout.error().message.contains(QLatin1String("orthonormal"))) {
        geometry = header.geometryFromHeader(geometryWarnings);
    } else {
        return layout.error();
    }
    return readVoxels(header, path, geometry, geometryWarnings);
}

} // namespace cardiolens::imaging
