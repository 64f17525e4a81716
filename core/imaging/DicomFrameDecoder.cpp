#include "imaging/DicomFrameDecoder_p.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cstring>
#include <vector>

#include <gdcmDataSet.h>
#include <gdcmImage.h>
#include <gdcmImageReader.h>
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

Result<bool> decodeDicomPixels(const QString& path, PixelType type,
                               std::span<std::byte> destination, DicomPixelLayout* layout) {
    // GDCM prints warnings for files we already judge (and report) ourselves.
    static const bool quiet = [] {
        gdcm::Trace::WarningOff();
        return true;
    }();
    Q_UNUSED(quiet);
    gdcm::ImageReader reader;
    reader.SetFileName(QFile::encodeName(path).constData());
    if (!reader.Read())
        return fileError(path, QStringLiteral("not a readable DICOM image (corrupt, truncated "
                                              "or unsupported)"));
    const gdcm::Image& image = reader.GetImage();
    const gdcm::DataSet& ds = reader.GetFile().GetDataSet();
    const unsigned* dims = image.GetDimensions();
    const std::size_t width = dims[0], height = dims[1];
    const std::size_t frames = image.GetNumberOfDimensions() > 2 ? std::max(1u, dims[2]) : 1;
    const std::size_t pixels = width * height * frames;
    if (layout) {
        layout->width = int(width);
        layout->height = int(height);
        layout->frames = int(frames);
        layout->frameTimeMs = frameTimeOf(ds);
        layout->ultrasoundSpacing = ultrasoundSpacing(ds);
    }
    if (pixels == 0 || destination.size() != pixels * bytesPerPixel(type))
        return fileError(path, QStringLiteral("image is %1 x %2 x %3 frames, not the size the "
                                              "series header announced")
                                   .arg(width)
                                   .arg(height)
                                   .arg(frames));

    const gdcm::PixelFormat& pf = image.GetPixelFormat();
    const std::size_t samples = pf.GetSamplesPerPixel();
    const std::size_t bits = pf.GetBitsAllocated();
    if (bits != 8 && bits != 16 && bits != 32)
        return fileError(path, QStringLiteral("%1 bits per sample is not supported").arg(bits));
    const std::size_t rawBytes = pixels * samples * (bits / 8);
    // Native pixel data: GDCM keeps the declared length even when the file ends early.
    const gdcm::Tag pixelTag(0x7fe0, 0x0010);
    if (ds.FindDataElement(pixelTag)) {
        if (const gdcm::ByteValue* bv = ds.GetDataElement(pixelTag).GetByteValue()) {
            const auto fileSize = std::size_t(QFileInfo(path).size());
            if (bv->GetLength() < rawBytes || fileSize < rawBytes + 132)
                return fileError(path, QStringLiteral("truncated pixel data: %1 bytes expected "
                                                      "for %2 x %3 x %4 frames, file is %5 bytes")
                                           .arg(rawBytes)
                                           .arg(width)
                                           .arg(height)
                                           .arg(frames)
                                           .arg(fileSize));
        }
    }
    if (image.GetBufferLength() != rawBytes)
        return fileError(path, QStringLiteral("decoded pixel data would be %1 bytes, %2 expected")
                                   .arg(image.GetBufferLength())
                                   .arg(rawBytes));

    const Photometric::PIType pi = image.GetPhotometricInterpretation();
    const gdcm::PixelFormat::ScalarType scalar = pf.GetScalarType();
    const bool direct =
        (type == PixelType::UInt8 && samples == 1 && scalar == gdcm::PixelFormat::UINT8) ||
        (type == PixelType::Int16 && samples == 1 && bits == 16 &&
         (scalar == gdcm::PixelFormat::INT16 || pf.GetBitsStored() <= 15) &&
         image.GetSlope() == 1.0 && image.GetIntercept() == 0.0) ||
        (type == PixelType::Rgb8 && samples == 3 && bits == 8 && pi == Photometric::RGB &&
         image.GetPlanarConfiguration() == 0);
    const auto undecodable = [&] {
        return fileError(
            path,
            QStringLiteral("cannot decode pixel data (transfer syntax %1)")
                .arg(QLatin1String(gdcm::TransferSyntax::GetTSString(image.GetTransferSyntax()))));
    };
    if (direct) {
        if (!image.GetBuffer(reinterpret_cast<char*>(destination.data())))
            return undecodable();
        return true;
    }
    std::vector<char> raw;
    try {
        raw.resize(rawBytes);
    } catch (const std::bad_alloc&) {
        return fileError(path, QStringLiteral("out of memory decoding pixel data"));
    }
    if (!image.GetBuffer(raw.data()))
        return undecodable();

    if (type == PixelType::Rgb8) {
        Rgb8* out = reinterpret_cast<Rgb8*>(destination.data());
        if (pi == Photometric::PALETTE_COLOR) {
            Palette palette;
            QString why;
            if (samples != 1 || !palette.load(ds, why))
                return fileError(path, why.isEmpty() ? QStringLiteral("bad palette image") : why);
            for (std::size_t i = 0; i < pixels; ++i) {
                const int index =
                    bits == 8 ? std::uint8_t(raw[i])
                              : int(std::uint8_t(raw[2 * i]) | (std::uint8_t(raw[2 * i + 1]) << 8));
                out[i] = palette.map(index);
            }
            return true;
        }
        if (samples != 3 || bits != 8)
            return fileError(path, QStringLiteral("colour image with %1 samples of %2 bits is "
                                                  "not supported")
                                       .arg(samples)
                                       .arg(bits));
        const bool planar = image.GetPlanarConfiguration() == 1;
        const std::size_t frameSize = width * height;
        const bool ybr = pi == Photometric::YBR_FULL || pi == Photometric::YBR_FULL_422;
        for (std::size_t i = 0; i < pixels; ++i) {
            const std::size_t f = i / frameSize, p = i % frameSize;
            const auto* base =
                reinterpret_cast<const std::uint8_t*>(raw.data()) + f * frameSize * 3;
            std::uint8_t c[3];
            for (std::size_t k = 0; k < 3; ++k)
                c[k] = planar ? base[k * frameSize + p] : base[p * 3 + k];
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
    if (samples != 1)
        return fileError(path,
                         QStringLiteral("%1 samples per pixel in a greyscale series").arg(samples));
    if (type == PixelType::Float32) {
        float* out = reinterpret_cast<float*>(destination.data());
        const double slope = image.GetSlope(), intercept = image.GetIntercept();
        switch (scalar) {
        case gdcm::PixelFormat::UINT8:
            scalarToFloat<std::uint8_t>(raw.data(), pixels, slope, intercept, out);
            return true;
        case gdcm::PixelFormat::INT8:
            scalarToFloat<std::int8_t>(raw.data(), pixels, slope, intercept, out);
            return true;
        case gdcm::PixelFormat::UINT16:
            scalarToFloat<std::uint16_t>(raw.data(), pixels, slope, intercept, out);
            return true;
        case gdcm::PixelFormat::INT16:
            scalarToFloat<std::int16_t>(raw.data(), pixels, slope, intercept, out);
            return true;
        case gdcm::PixelFormat::UINT32:
            scalarToFloat<std::uint32_t>(raw.data(), pixels, slope, intercept, out);
            return true;
        case gdcm::PixelFormat::INT32:
            scalarToFloat<std::int32_t>(raw.data(), pixels, slope, intercept, out);
            return true;
        default:
            break;
        }
    }
    return fileError(path, QStringLiteral("pixel format %1 cannot be stored as %2")
                               .arg(QLatin1String(pf.GetScalarTypeAsString()))
                               .arg(QLatin1String(pixelTypeName(type))));
}

} // namespace cardiolens::imaging::detail
