#include "imaging/NiftiHeader.h"

#include "common/SafeFile.h"
#include "imaging/CineVolume.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include <zlib.h>

namespace cardiolens::imaging {

namespace {

constexpr int kNifti1HeaderSize = 348;
constexpr int kNifti2HeaderSize = 540;
// Deflate cannot expand data by more than about 1032:1; anything claiming more than this
// from a compressed file is a lie we can refuse without inflating a byte.
constexpr std::uint64_t kMaxDeflateRatio = 1032;

/// Reads (and gunzips when needed) the start of a file.
class HeaderSource {
public:
    explicit HeaderSource(const QString& path) {
        m_file = gzopen(QFile::encodeName(path).constData(), "rb");
    }
    ~HeaderSource() {
        if (m_file)
            gzclose(m_file);
    }
    HeaderSource(const HeaderSource&) = delete;
    HeaderSource& operator=(const HeaderSource&) = delete;
    bool isOpen() const { return m_file != nullptr; }
    int read(void* buffer, unsigned size) { return gzread(m_file, buffer, size); }

    /// Inflates up to \a wanted bytes from the current position, discarding them;
    /// returns how many there were.
    std::uint64_t skip(std::uint64_t wanted) {
        std::vector<char> scratch(1 << 18);
        std::uint64_t total = 0;
        while (total < wanted) {
            const auto chunk = unsigned(std::min<std::uint64_t>(scratch.size(), wanted - total));
            const int n = gzread(m_file, scratch.data(), chunk);
            if (n <= 0)
                break;
            total += std::uint64_t(n);
        }
        return total;
    }

private:
    gzFile m_file = nullptr;
};

std::int32_t swap32(std::int32_t v) {
    const auto u = std::uint32_t(v);
    return std::int32_t((u >> 24) | ((u >> 8) & 0xff00u) | ((u << 8) & 0xff0000u) | (u << 24));
}

template <typename T> T field(const unsigned char* p, std::size_t offset, bool swap) {
    T v;
    std::memcpy(&v, p + offset, sizeof v);
    if (swap) {
        unsigned char b[sizeof v];
        std::memcpy(b, &v, sizeof v);
        for (std::size_t i = 0; i < sizeof v / 2; ++i)
            std::swap(b[i], b[sizeof v - 1 - i]);
        std::memcpy(&v, b, sizeof v);
    }
    return v;
}

int bitsForDatatype(int datatype) {
    switch (datatype) {
    case 2:   // UINT8
    case 256: // INT8
        return 8;
    case 4:   // INT16
    case 512: // UINT16
        return 16;
    case 8:    // INT32
    case 16:   // FLOAT32
    case 768:  // UINT32
    case 2304: // RGBA32
        return 32;
    case 128: // RGB24
        return 24;
    case 32:   // COMPLEX64
    case 64:   // FLOAT64
    case 1024: // INT64
    case 1280: // UINT64
        return 64;
    default:
        return 0;
    }
}

bool isGzipName(const QString& path) {
    return path.endsWith(QLatin1String(".gz"), Qt::CaseInsensitive);
}

bool isGzipContent(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const QByteArray magic = f.read(2);
    return magic.size() == 2 && uchar(magic[0]) == 0x1f && uchar(magic[1]) == 0x8b;
}

// The gzip trailer's ISIZE: uncompressed length modulo 2^32 of the last member.
std::uint32_t gzipTrailerSize(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly) || f.size() < 18)
        return 0;
    f.seek(f.size() - 4);
    const QByteArray tail = f.read(4);
    std::uint32_t v = 0;
    for (int i = 3; i >= 0; --i)
        v = (v << 8) | uchar(tail[i]);
    return v;
}

Error headerError(const QString& path, const QString& message) {
    return fileError(path, QStringLiteral("invalid NIfTI header: ") + message);
}

} // namespace

std::uint64_t NiftiHeader::dataBytes() const {
    long double voxels = 1.0L;
    for (int i = 1; i <= dimensions; ++i)
        voxels *= (long double)dim[std::size_t(i)];
    const long double bytes = voxels * bitsPerVoxel / 8.0L;
    return bytes >= 1.8e19L ? UINT64_MAX : std::uint64_t(bytes);
}

double NiftiHeader::frameTimeMs() const {
    if (dimensions < 4 || !(pixdim[4] > 0.0))
        return 0.0;
    switch (xyztUnits & 0x38) {
    case 8: // NIFTI_UNITS_SEC
        return pixdim[4] * 1000.0;
    case 16: // NIFTI_UNITS_MSEC
        return pixdim[4];
    case 24: // NIFTI_UNITS_USEC
        return pixdim[4] / 1000.0;
    default:
        // No unit: ITK writes pixdim[4] without one (Cardiolens writes seconds). Frame
        // times are tens of ms, so a small number is seconds and a large one ms.
        return pixdim[4] < 5.0 ? pixdim[4] * 1000.0 : pixdim[4];
    }
}

bool NiftiHeader::hasNiftiExtension(const QString& path) {
    const QString p = path.toLower();
    return p.endsWith(QLatin1String(".nii")) || p.endsWith(QLatin1String(".nii.gz")) ||
           p.endsWith(QLatin1String(".hdr")) || p.endsWith(QLatin1String(".hdr.gz"));
}

namespace {
Result<NiftiHeader> checkedAgainstBudget(const NiftiHeader& h, std::uint64_t declared,
                                         const QString& sizeText) {
    if (auto fits = CineVolume::checkBudget((long double)declared, h.dataFile, sizeText); !fits)
        return fits.error();
    return h;
}
} // namespace

Result<NiftiHeader> NiftiHeader::inspect(const QString& path) {
    if (auto regular = SafeFile::requireRegular(path); !regular)
        return regular.error();
    NiftiHeader h;
    h.compressed = isGzipContent(path);
    unsigned char raw[kNifti2HeaderSize] = {};
    int got = 0;
    {
        HeaderSource src(path);
        if (!src.isOpen())
            return fileError(path, QStringLiteral("cannot open file"));
        got = src.read(raw, sizeof raw);
    }
    if (got < kNifti1HeaderSize)
        return headerError(path, QStringLiteral("file holds %1 bytes, a header needs %2")
                                     .arg(std::max(got, 0))
                                     .arg(kNifti1HeaderSize));

    const auto size32 = field<std::int32_t>(raw, 0, false);
    if (size32 == kNifti1HeaderSize || swap32(size32) == kNifti1HeaderSize) {
        h.version = 1;
        h.byteSwapped = size32 != kNifti1HeaderSize;
    } else if (size32 == kNifti2HeaderSize || swap32(size32) == kNifti2HeaderSize) {
        h.version = 2;
        h.byteSwapped = size32 != kNifti2HeaderSize;
        if (got < kNifti2HeaderSize)
            return headerError(path, QStringLiteral("truncated NIfTI-2 header"));
    } else {
        return headerError(path, QStringLiteral("sizeof_hdr is %1, not 348 or 540").arg(size32));
    }
    const bool sw = h.byteSwapped;

    QByteArray magic;
    if (h.version == 1) {
        magic = QByteArray(reinterpret_cast<const char*>(raw + 344), 3);
        for (int i = 0; i < 8; ++i)
            h.dim[std::size_t(i)] = field<std::int16_t>(raw, 40 + 2 * std::size_t(i), sw);
        h.datatype = field<std::int16_t>(raw, 70, sw);
        for (int i = 0; i < 8; ++i)
            h.pixdim[std::size_t(i)] = field<float>(raw, 76 + 4 * std::size_t(i), sw);
        const float offset = field<float>(raw, 108, sw);
        if (!std::isfinite(offset) || offset < 0.0f || offset > 1e9f)
            return headerError(path, QStringLiteral("vox_offset %1 is not valid").arg(offset));
        h.voxOffset = std::int64_t(offset);
        h.sclSlope = field<float>(raw, 112, sw);
        h.sclInter = field<float>(raw, 116, sw);
        h.xyztUnits = raw[123];
        h.qformCode = field<std::int16_t>(raw, 252, sw);
        h.sformCode = field<std::int16_t>(raw, 254, sw);
        for (std::size_t i = 0; i < 3; ++i) {
            h.quatern[i] = field<float>(raw, 256 + 4 * i, sw);
            h.qoffset[i] = field<float>(raw, 268 + 4 * i, sw);
        }
        for (std::size_t i = 0; i < 12; ++i)
            h.srow[i] = field<float>(raw, 280 + 4 * i, sw);
    } else {
        magic = QByteArray(reinterpret_cast<const char*>(raw + 4), 3);
        h.datatype = field<std::int16_t>(raw, 12, sw);
        for (int i = 0; i < 8; ++i)
            h.dim[std::size_t(i)] = field<std::int64_t>(raw, 16 + 8 * std::size_t(i), sw);
        for (int i = 0; i < 8; ++i)
            h.pixdim[std::size_t(i)] = field<double>(raw, 104 + 8 * std::size_t(i), sw);
        h.voxOffset = field<std::int64_t>(raw, 168, sw);
        h.sclSlope = field<double>(raw, 176, sw);
        h.sclInter = field<double>(raw, 184, sw);
        h.xyztUnits = field<std::int32_t>(raw, 500, sw);
        h.qformCode = field<std::int32_t>(raw, 344, sw);
        h.sformCode = field<std::int32_t>(raw, 348, sw);
        for (std::size_t i = 0; i < 3; ++i) {
            h.quatern[i] = field<double>(raw, 352 + 8 * i, sw);
            h.qoffset[i] = field<double>(raw, 376 + 8 * i, sw);
        }
        for (std::size_t i = 0; i < 12; ++i)
            h.srow[i] = field<double>(raw, 400 + 8 * i, sw);
    }

    const QByteArray single = h.version == 1 ? "n+1" : "n+2";
    const QByteArray pair = h.version == 1 ? "ni1" : "ni2";
    if (magic == pair) {
        h.separateDataFile = true;
    } else if (magic != single) {
        // Plain Analyze 7.5 has no magic; ITK reads it, but its geometry is ambiguous.
        return headerError(path, QStringLiteral("magic is not \"%1\" or \"%2\"")
                                     .arg(QLatin1String(single), QLatin1String(pair)));
    }

    h.dimensions = int(h.dim[0]);
    if (h.dimensions < 1 || h.dimensions > 7)
        return headerError(path, QStringLiteral("dim[0] is %1, not 1..7").arg(h.dim[0]));
    for (int i = 1; i <= h.dimensions; ++i) {
        if (h.dim[std::size_t(i)] < 1 || h.dim[std::size_t(i)] > (std::int64_t(1) << 30))
            return headerError(path,
                               QStringLiteral("dim[%1] is %2").arg(i).arg(h.dim[std::size_t(i)]));
    }
    h.bitsPerVoxel = bitsForDatatype(h.datatype);
    if (h.bitsPerVoxel == 0)
        return headerError(path, QStringLiteral("unsupported datatype code %1").arg(h.datatype));

    // VNL aborts on a non-finite orientation matrix: refuse what the geometry would use.
    const auto allFinite = [](const auto& values) {
        return std::all_of(values.begin(), values.end(), [](double v) { return std::isfinite(v); });
    };
    if (h.sformCode > 0 && !allFinite(h.srow))
        return headerError(
            path, QStringLiteral("sform_code %1 with a non-finite srow_x/y/z").arg(h.sformCode));
    if (h.qformCode > 0 && (!allFinite(h.quatern) || !allFinite(h.qoffset)))
        return headerError(path, QStringLiteral("qform_code %1 with a non-finite quaternion or "
                                                "offset")
                                     .arg(h.qformCode));
    if (!std::all_of(h.pixdim.begin(), h.pixdim.begin() + 1 + std::min(h.dimensions, 7),
                     [](double v) { return std::isfinite(v); }))
        return headerError(path, QStringLiteral("pixdim holds a non-finite value"));

    // Where the voxels are.
    h.dataFile = path;
    if (h.separateDataFile) {
        QString img = path;
        const bool gz = isGzipName(img);
        if (gz)
            img.chop(3);
        img = img.left(img.size() - 4) + QStringLiteral(".img") +
              (gz ? QStringLiteral(".gz") : QString());
        if (!QFileInfo::exists(img))
            return fileError(path, QStringLiteral("the data file %1 is missing").arg(img));
        if (auto regular = SafeFile::requireRegular(img); !regular)
            return regular.error();
        h.dataFile = img;
        h.compressed = isGzipContent(img);
    } else if (h.voxOffset < (h.version == 1 ? 352 : 544)) {
        return headerError(path,
                           QStringLiteral("vox_offset %1 lies inside the header").arg(h.voxOffset));
    }

    // The size check: the data file must hold vox_offset + the declared voxels.
    const std::uint64_t declared = h.dataBytes();
    const std::uint64_t needed = declared > UINT64_MAX - std::uint64_t(h.voxOffset)
                                     ? UINT64_MAX
                                     : declared + std::uint64_t(h.voxOffset);
    const auto onDisk = std::uint64_t(QFileInfo(h.dataFile).size());
    const QString sizeText = QStringLiteral("%1 x %2 x %3 x %4 voxels of %5 bits (%6 bytes)")
                                 .arg(h.dim[1])
                                 .arg(h.dimensions >= 2 ? h.dim[2] : 1)
                                 .arg(h.dimensions >= 3 ? h.dim[3] : 1)
                                 .arg(h.dimensions >= 4 ? h.dim[4] : 1)
                                 .arg(h.bitsPerVoxel)
                                 .arg(declared);
    if (!h.compressed) {
        if (needed > onDisk)
            return fileError(h.dataFile,
                             QStringLiteral("header declares %1 starting at byte %2, but the "
                                            "file holds only %3 bytes (truncated file or a "
                                            "lying header); refused before reading")
                                 .arg(sizeText)
                                 .arg(h.voxOffset)
                                 .arg(onDisk));
        return checkedAgainstBudget(h, declared, sizeText);
    }
    if (needed / kMaxDeflateRatio > onDisk)
        return fileError(h.dataFile,
                         QStringLiteral("header declares %1, which a %2-byte gzip file cannot "
                                        "hold; refused before decompressing")
                             .arg(sizeText)
                             .arg(onDisk));
    // Refuse what the memory budget cannot hold before inflating anything.
    if (auto fits = CineVolume::checkBudget((long double)declared, h.dataFile, sizeText); !fits)
        return fits.error();
    // Single-member gzip (what every NIfTI writer produces) records the length in its
    // trailer; when that agrees we are done without inflating.
    if (needed <= 0xffffffffULL && gzipTrailerSize(h.dataFile) >= needed)
        return h;
    // Otherwise inflate, discarding, at most `needed` bytes (bounded by the ratio check).
    HeaderSource data(h.dataFile);
    const std::uint64_t available = data.isOpen() ? data.skip(needed) : 0;
    if (available < needed)
        return fileError(h.dataFile,
                         QStringLiteral("header declares %1 starting at byte %2, but the file "
                                        "decompresses to only %3 bytes (truncated or lying "
                                        "header)")
                             .arg(sizeText)
                             .arg(h.voxOffset)
                             .arg(available));
    return h;
}

} // namespace cardiolens::imaging
