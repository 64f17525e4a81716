#include "imaging/DicomFrameDecoder_p.h"

#include "imaging/DicomRle_p.h"
#include "imaging/DicomStructureCheck.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cstring>
#include <vector>

#include <gdcmDataSet.h>
#include <gdcmImage.h>
#include <gdcmImageReader.h>
#include <gdcmReader.h>
#include <gdcmSequenceOfFragments.h>
#include <gdcmSequenceOfItems.h>
#include <gdcmTrace.h>

namespace cardiolens::imaging::detail {

namespace {

using Photometric = gdcm::PhotometricInterpretation;

QString elementText(const gdcm::DataSet& ds, const gdcm::Tag& tag) {
    if (!ds.FindDataElement(tag))
        return {};
    const gdcm::ByteValue* bv = ds.GetDataElement(tag).GetByteValue();
    return bv ? QString::fromLatin1(bv->GetPointer(), int(bv->GetLength())).trimmed() : QString();
}

QByteArray elementBytes(const gdcm::DataSet& ds, const gdcm::Tag& tag) {
    if (!ds.FindDataElement(tag))
        return {};
    const gdcm::ByteValue* bv = ds.GetDataElement(tag).GetByteValue();
    return bv ? QByteArray(bv->GetPointer(), int(bv->GetLength())) : QByteArray();
}

std::uint16_t word(const QByteArray& bytes, int index) {
    return std::uint16_t(std::uint8_t(bytes[2 * index]) |
                         (std::uint8_t(bytes[2 * index + 1]) << 8));
}

double doubleAt(const gdcm::DataSet& ds, const gdcm::Tag& tag) {
    const QByteArray b = elementBytes(ds, tag);
    if (b.size() < 8)
        return 0.0;
    double v;
    std::memcpy(&v, b.constData(), 8); // FD, little endian (all supported transfer syntaxes).
    return v;
}

double frameTimeOf(const gdcm::DataSet& ds) {
    bool ok = false;
    const double frameTime = elementText(ds, gdcm::Tag(0x0018, 0x1063)).toDouble(&ok);
    if (ok && frameTime > 0.0)
        return frameTime;
    const QStringList vector =
        elementText(ds, gdcm::Tag(0x0018, 0x1065)).split(u'\\', Qt::SkipEmptyParts);
    if (vector.size() > 1) { // First entry is 0 by definition.
        double sum = 0.0;
        for (qsizetype i = 1; i < vector.size(); ++i)
            sum += vector[i].trimmed().toDouble();
        return sum / double(vector.size() - 1);
    }
    const double rate = elementText(ds, gdcm::Tag(0x0018, 0x0040)).toDouble(&ok);
    return ok && rate > 0.0 ? 1000.0 / rate : 0.0;
}

// Physical pixel size of the first ultrasound region (cm in the file, mm here).
std::array<double, 2> ultrasoundSpacing(const gdcm::DataSet& ds) {
    const gdcm::Tag regions(0x0018, 0x6011);
    if (!ds.FindDataElement(regions))
        return {0.0, 0.0};
    gdcm::SmartPointer<gdcm::SequenceOfItems> seq = ds.GetDataElement(regions).GetValueAsSQ();
    if (!seq || seq->GetNumberOfItems() == 0)
        return {0.0, 0.0};
    const gdcm::DataSet& item = seq->GetItem(1).GetNestedDataSet();
    const QByteArray units = elementBytes(item, gdcm::Tag(0x0018, 0x6024));
    if (units.size() < 2 || word(units, 0) != 3) // 3 = cm
        return {0.0, 0.0};
    return {doubleAt(item, gdcm::Tag(0x0018, 0x602c)) * 10.0,
            doubleAt(item, gdcm::Tag(0x0018, 0x602e)) * 10.0};
}

/// A palette colour lookup table reduced to 8 bits per channel.
struct Palette {
    std::array<std::vector<std::uint8_t>, 3> channels;
    int first = 0;

    bool load(const gdcm::DataSet& ds, QString& why) {
        for (int c = 0; c < 3; ++c) {
            const QByteArray descriptor =
                elementBytes(ds, gdcm::Tag(0x0028, std::uint16_t(0x1101 + c)));
            const QByteArray data = elementBytes(ds, gdcm::Tag(0x0028, std::uint16_t(0x1201 + c)));
            if (descriptor.size() < 6 || data.isEmpty()) {
                why = QStringLiteral("palette colour image without a usable lookup table "
                                     "(segmented palettes are not supported)");
                return false;
            }
            const int entries = word(descriptor, 0) == 0 ? 65536 : word(descriptor, 0);
            first = word(descriptor, 1);
            const int bits = word(descriptor, 2);
            auto& out = channels[std::size_t(c)];
            out.resize(std::size_t(entries));
            if (data.size() >= 2 * entries) {
                for (int i = 0; i < entries; ++i) {
                    const std::uint16_t w = word(data, i);
                    out[std::size_t(i)] = std::uint8_t(bits > 8 ? w >> 8 : (w > 255 ? w >> 8 : w));
                }
            } else if (data.size() >= entries) {
                for (int i = 0; i < entries; ++i)
                    out[std::size_t(i)] = std::uint8_t(data[i]);
            } else {
                why = QStringLiteral("palette lookup table holds %1 bytes for %2 entries")
                          .arg(data.size())
                          .arg(entries);
                return false;
            }
        }
        return true;
    }
    Rgb8 map(int index) const {
        const auto n = int(channels[0].size());
        const int i = std::clamp(index - first, 0, n - 1);
        return {channels[0][std::size_t(i)], channels[1][std::size_t(i)],
                channels[2][std::size_t(i)]};
    }
};

template <typename T>
void scalarToFloat(const char* raw, std::size_t count, double slope, double intercept, float* out) {
    for (std::size_t i = 0; i < count; ++i) {
        T v;
        std::memcpy(&v, raw + i * sizeof(T), sizeof(T));
        out[i] = float(double(v) * slope + intercept);
    }
}

std::uint8_t clampByte(double v) {
    return std::uint8_t(std::clamp(v + 0.5, 0.0, 255.0));
}

} // namespace

PixelType pixelTypeFor(int samplesPerPixel, int bitsAllocated, int bitsStored,
                       int pixelRepresentation, const QString& photometric, double slope,
                       double intercept) {
    if (samplesPerPixel == 3 || photometric.startsWith(QLatin1String("PALETTE")))
        return PixelType::Rgb8;
    if (slope != 1.0 || intercept != 0.0)
        return PixelType::Float32;
    if (bitsAllocated == 8 && pixelRepresentation == 0)
        return PixelType::UInt8;
    if (bitsAllocated == 16 && (pixelRepresentation == 1 || bitsStored <= 15))
        return PixelType::Int16;
    return PixelType::Float32;
}

namespace {

// What the conversion needs to know about decoded samples, whoever decoded them.
struct Samples {
    std::size_t width = 0, height = 0, frames = 1, samples = 1, bits = 0;
    int bitsStored = 0;
    gdcm::PixelFormat::ScalarType scalar = gdcm::PixelFormat::UNKNOWN;
    Photometric::PIType pi = Photometric::UNKNOWN;
    bool planar = false;
    double slope = 1.0, intercept = 0.0;
    std::size_t pixels() const { return width * height * frames; }
    std::size_t bytes() const { return pixels() * samples * (bits / 8); }
};

bool directlyStorable(const Samples& s, PixelType type) {
    return (type == PixelType::UInt8 && s.samples == 1 && s.scalar == gdcm::PixelFormat::UINT8) ||
           (type == PixelType::Int16 && s.samples == 1 && s.bits == 16 &&
            (s.scalar == gdcm::PixelFormat::INT16 || s.bitsStored <= 15) && s.slope == 1.0 &&
            s.intercept == 0.0) ||
           (type == PixelType::Rgb8 && s.samples == 3 && s.bits == 8 && s.pi == Photometric::RGB &&
            !s.planar);
}

Result<bool> convert(const QString& path, const Samples& s, const gdcm::DataSet& ds,
                     const char* raw, PixelType type, std::span<std::byte> destination) {
    const std::size_t pixels = s.pixels();
    if (type == PixelType::Rgb8) {
        Rgb8* out = reinterpret_cast<Rgb8*>(destination.data());
        if (s.pi == Photometric::PALETTE_COLOR) {
            Palette palette;
            QString why;
            if (s.samples != 1 || !palette.load(ds, why))
                return fileError(path, why.isEmpty() ? QStringLiteral("bad palette image") : why);
            for (std::size_t i = 0; i < pixels; ++i) {
                const int index =
                    s.bits == 8
                        ? std::uint8_t(raw[i])
                        : int(std::uint8_t(raw[2 * i]) | (std::uint8_t(raw[2 * i + 1]) << 8));
                out[i] = palette.map(index);
            }
            return true;
        }
        if (s.samples != 3 || s.bits != 8)
            return fileError(path, QStringLiteral("colour image with %1 samples of %2 bits is "
                                                  "not supported")
                                       .arg(s.samples)
                                       .arg(s.bits));
        const std::size_t frameSize = s.width * s.height;
        const bool ybr = s.pi == Photometric::YBR_FULL || s.pi == Photometric::YBR_FULL_422;
        for (std::size_t i = 0; i < pixels; ++i) {
            const std::size_t f = i / frameSize, p = i % frameSize;
            const auto* base = reinterpret_cast<const std::uint8_t*>(raw) + f * frameSize * 3;
            std::uint8_t c[3];
            for (std::size_t k = 0; k < 3; ++k)
                c[k] = s.planar ? base[k * frameSize + p] : base[p * 3 + k];
            if (ybr) {
                const double y = c[0], cb = c[1] - 128.0, cr = c[2] - 128.0;
                out[i] = {clampByte(y + 1.402 * cr), clampByte(y - 0.344136 * cb - 0.714136 * cr),
                          clampByte(y + 1.772 * cb)};
            } else {
                out[i] = {c[0], c[1], c[2]};
            }
        }
        return true;
    }
    if (s.samples != 1)
        return fileError(
            path, QStringLiteral("%1 samples per pixel in a greyscale series").arg(s.samples));
    if (type == PixelType::Float32) {
        float* out = reinterpret_cast<float*>(destination.data());
        switch (s.scalar) {
        case gdcm::PixelFormat::UINT8:
            scalarToFloat<std::uint8_t>(raw, pixels, s.slope, s.intercept, out);
            return true;
        case gdcm::PixelFormat::INT8:
            scalarToFloat<std::int8_t>(raw, pixels, s.slope, s.intercept, out);
            return true;
        case gdcm::PixelFormat::UINT16:
            scalarToFloat<std::uint16_t>(raw, pixels, s.slope, s.intercept, out);
            return true;
        case gdcm::PixelFormat::INT16:
            scalarToFloat<std::int16_t>(raw, pixels, s.slope, s.intercept, out);
            return true;
        case gdcm::PixelFormat::UINT32:
            scalarToFloat<std::uint32_t>(raw, pixels, s.slope, s.intercept, out);
            return true;
        case gdcm::PixelFormat::INT32:
            scalarToFloat<std::int32_t>(raw, pixels, s.slope, s.intercept, out);
            return true;
        default:
            break;
        }
    }
    return fileError(path, QStringLiteral("%1-bit samples cannot be stored as %2")
                               .arg(s.bits)
                               .arg(QLatin1String(pixelTypeName(type))));
}

int usValue(const gdcm::DataSet& ds, std::uint16_t g, std::uint16_t e, int fallback) {
    const QByteArray b = elementBytes(ds, gdcm::Tag(g, e));
    return b.size() >= 2 ? word(b, 0) : fallback;
}

// RLE files: the header values straight from the data set, the frames through our own
// bounds-checked decoder (GDCM's overruns on corrupt fragments).
Result<bool> decodeRle(const QString& path, PixelType type, std::span<std::byte> destination,
                       DicomPixelLayout* layout) {
    gdcm::Reader reader; // Plain reader: unlike ImageReader it does not touch the pixels.
    reader.SetFileName(QFile::encodeName(path).constData());
    if (!reader.Read())
        return fileError(path, QStringLiteral("not a readable DICOM file (corrupt or truncated)"));
    const gdcm::DataSet& ds = reader.GetFile().GetDataSet();
    Samples s;
    s.width = std::size_t(usValue(ds, 0x0028, 0x0011, 0));
    s.height = std::size_t(usValue(ds, 0x0028, 0x0010, 0));
    s.frames = std::size_t(std::max(1, elementText(ds, gdcm::Tag(0x0028, 0x0008)).toInt()));
    s.samples = std::size_t(usValue(ds, 0x0028, 0x0002, 1));
    s.bits = std::size_t(usValue(ds, 0x0028, 0x0100, 0));
    s.bitsStored = usValue(ds, 0x0028, 0x0101, int(s.bits));
    const bool isSigned = usValue(ds, 0x0028, 0x0103, 0) == 1;
    s.scalar = s.bits == 8    ? (isSigned ? gdcm::PixelFormat::INT8 : gdcm::PixelFormat::UINT8)
               : s.bits == 16 ? (isSigned ? gdcm::PixelFormat::INT16 : gdcm::PixelFormat::UINT16)
                              : (isSigned ? gdcm::PixelFormat::INT32 : gdcm::PixelFormat::UINT32);
    s.pi =
        Photometric::GetPIType(elementText(ds, gdcm::Tag(0x0028, 0x0004)).toLatin1().constData());
    bool ok = false;
    if (const double v = elementText(ds, gdcm::Tag(0x0028, 0x1053)).toDouble(&ok); ok)
        s.slope = v;
    if (const double v = elementText(ds, gdcm::Tag(0x0028, 0x1052)).toDouble(&ok); ok)
        s.intercept = v;
    if (layout) {
        layout->width = int(s.width);
        layout->height = int(s.height);
        layout->frames = int(s.frames);
        layout->frameTimeMs = frameTimeOf(ds);
        layout->ultrasoundSpacing = ultrasoundSpacing(ds);
    }
    if (s.pixels() == 0 || (s.bits != 8 && s.bits != 16 && s.bits != 32) || s.samples < 1 ||
        s.samples > 3 || destination.size() != s.pixels() * bytesPerPixel(type))
        return fileError(path, QStringLiteral("RLE image of %1 x %2 x %3 frames, %4 samples of "
                                              "%5 bits is not what the header announced")
                                   .arg(s.width)
                                   .arg(s.height)
                                   .arg(s.frames)
                                   .arg(s.samples)
                                   .arg(s.bits));
    const gdcm::Tag pixelTag(0x7fe0, 0x0010);
    const gdcm::SequenceOfFragments* fragments =
        ds.FindDataElement(pixelTag) ? ds.GetDataElement(pixelTag).GetSequenceOfFragments()
                                     : nullptr;
    if (!fragments || fragments->GetNumberOfFragments() != s.frames)
        return fileError(
            path, QStringLiteral("RLE pixel data needs one fragment per frame (%1)").arg(s.frames));
    const bool direct = directlyStorable(s, type);
    std::vector<char> raw;
    try {
        if (!direct)
            raw.resize(s.bytes());
    } catch (const std::bad_alloc&) {
        return fileError(path, QStringLiteral("out of memory decoding pixel data"));
    }
    char* out = direct ? reinterpret_cast<char*>(destination.data()) : raw.data();
    const std::size_t frameBytes = s.width * s.height * s.samples * (s.bits / 8);
    for (std::size_t f = 0; f < s.frames; ++f) {
        const gdcm::ByteValue* bv = fragments->GetFragment(f).GetByteValue();
        QString why;
        if (!bv || !decodeRleFrame(bv->GetPointer(), bv->GetLength(), s.width * s.height,
                                   int(s.samples), int(s.bits / 8), out + f * frameBytes, why))
            return fileError(path,
                             QStringLiteral("frame %1: %2")
                                 .arg(f)
                                 .arg(why.isEmpty() ? QStringLiteral("empty fragment") : why));
    }
    return direct ? Result<bool>(true) : convert(path, s, ds, raw.data(), type, destination);
}

} // namespace

Result<bool> decodeDicomPixels(const QString& path, PixelType type,
                               std::span<std::byte> destination, DicomPixelLayout* layout) {
    // GDCM prints warnings for files we already judge (and report) ourselves.
    static const bool quiet = [] {
        gdcm::Trace::WarningOff();
        return true;
    }();
    Q_UNUSED(quiet);
    if (auto structure = DicomStructureCheck::check(path); !structure)
        return structure.error();
    if (DicomStructureCheck::transferSyntaxOf(path) == QLatin1String("1.2.840.10008.1.2.5"))
        return decodeRle(path, type, destination, layout);

    gdcm::ImageReader reader;
    reader.SetFileName(QFile::encodeName(path).constData());
    if (!reader.Read())
        return fileError(path, QStringLiteral("not a readable DICOM image (corrupt, truncated "
                                              "or unsupported)"));
    const gdcm::Image& image = reader.GetImage();
    const gdcm::DataSet& ds = reader.GetFile().GetDataSet();
    const unsigned* dims = image.GetDimensions();
    const gdcm::PixelFormat& pf = image.GetPixelFormat();
    Samples s;
    s.width = dims[0];
    s.height = dims[1];
    s.frames = image.GetNumberOfDimensions() > 2 ? std::max(1u, dims[2]) : 1;
    s.samples = pf.GetSamplesPerPixel();
    s.bits = pf.GetBitsAllocated();
    s.bitsStored = pf.GetBitsStored();
    s.scalar = pf.GetScalarType();
    s.pi = image.GetPhotometricInterpretation();
    s.planar = image.GetPlanarConfiguration() == 1;
    s.slope = image.GetSlope();
    s.intercept = image.GetIntercept();
    if (layout) {
        layout->width = int(s.width);
        layout->height = int(s.height);
        layout->frames = int(s.frames);
        layout->frameTimeMs = frameTimeOf(ds);
        layout->ultrasoundSpacing = ultrasoundSpacing(ds);
    }
    if (s.pixels() == 0 || destination.size() != s.pixels() * bytesPerPixel(type))
        return fileError(path, QStringLiteral("image is %1 x %2 x %3 frames, not the size the "
                                              "series header announced")
                                   .arg(s.width)
                                   .arg(s.height)
                                   .arg(s.frames));
    if (s.bits != 8 && s.bits != 16 && s.bits != 32)
        return fileError(path, QStringLiteral("%1 bits per sample is not supported").arg(s.bits));
    // Native pixel data: GDCM keeps the declared length even when the file ends early.
    const gdcm::Tag pixelTag(0x7fe0, 0x0010);
    if (ds.FindDataElement(pixelTag)) {
        if (const gdcm::ByteValue* bv = ds.GetDataElement(pixelTag).GetByteValue()) {
            const auto fileSize = std::size_t(QFileInfo(path).size());
            if (bv->GetLength() < s.bytes() || fileSize < s.bytes() + 132)
                return fileError(path, QStringLiteral("truncated pixel data: %1 bytes expected "
                                                      "for %2 x %3 x %4 frames, file is %5 bytes")
                                           .arg(s.bytes())
                                           .arg(s.width)
                                           .arg(s.height)
                                           .arg(s.frames)
                                           .arg(fileSize));
        }
    }
    if (image.GetBufferLength() != s.bytes())
        return fileError(path, QStringLiteral("decoded pixel data would be %1 bytes, %2 expected")
                                   .arg(image.GetBufferLength())
                                   .arg(s.bytes()));
    const auto undecodable = [&] {
        return fileError(
            path,
            QStringLiteral("cannot decode pixel data (transfer syntax %1)")
                .arg(QLatin1String(gdcm::TransferSyntax::GetTSString(image.GetTransferSyntax()))));
    };
    if (directlyStorable(s, type)) {
        if (!image.GetBuffer(reinterpret_cast<char*>(destination.data())))
            return undecodable();
        return true;
    }
    std::vector<char> raw;
    try {
        raw.resize(s.bytes());
    } catch (const std::bad_alloc&) {
        return fileError(path, QStringLiteral("out of memory decoding pixel data"));
    }
    if (!image.GetBuffer(raw.data()))
        return undecodable();
    return convert(path, s, ds, raw.data(), type, destination);
}

} // namespace cardiolens::imaging::detail
