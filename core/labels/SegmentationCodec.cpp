#include "labels/SegmentationCodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstring>

namespace cardiolens::labels {

using imaging::LabelVolume;
using imaging::VolumeExtent;
using imaging::VolumeGeometry;

namespace {
quint32 storedSize(const QByteArray& data) {
    const auto* p = reinterpret_cast<const uchar*>(data.constData());
    return (quint32(p[0]) << 24) | (quint32(p[1]) << 16) | (quint32(p[2]) << 8) | quint32(p[3]);
}

QByteArray runLengthEncode(std::span<const std::uint8_t> plane) {
    QByteArray runs;
    runs.reserve(256);
    for (std::size_t i = 0; i < plane.size();) {
        const std::uint8_t value = plane[i];
        std::size_t n = 1;
        while (i + n < plane.size() && plane[i + n] == value)
            ++n;
        runs.append(char(value));
        for (std::size_t left = n;; left >>= 7) { // LEB128
            if (left < 0x80) {
                runs.append(char(left));
                break;
            }
            runs.append(char(0x80 | (left & 0x7f)));
        }
        i += n;
    }
    return runs;
}

bool runLengthDecode(const QByteArray& runs, std::span<std::uint8_t> out) {
    const auto* p = reinterpret_cast<const std::uint8_t*>(runs.constData());
    const std::size_t size = std::size_t(runs.size());
    std::size_t at = 0, o = 0;
    while (at < size) {
        const std::uint8_t value = p[at++];
        std::size_t n = 0;
        for (int shift = 0;; shift += 7) {
            if (at >= size || shift > 28)
                return false;
            n |= std::size_t(p[at] & 0x7f) << shift;
            if (!(p[at++] & 0x80))
                break;
        }
        if (n == 0 || n > out.size() - o)
            return false;
        std::memset(out.data() + o, value, n);
        o += n;
    }
    return o == out.size();
}
} // namespace

QByteArray SegmentationCodec::compressPlane(std::span<const std::uint8_t> plane) {
    const QByteArray runs = runLengthEncode(plane);
    return qCompress(runs, 1);
}

Result<bool> SegmentationCodec::decompressPlane(const QByteArray& data, std::span<std::uint8_t> out,
                                                const QString& where, const QString& encoding) {
    const bool rle = encoding == QLatin1String(kEncoding);
    if (!rle && encoding != QLatin1String(kPlainZlib))
        return fileError(where, QStringLiteral("unknown label plane encoding %1").arg(encoding));
    // qCompress stores the size first (big-endian): check it before inflating, so a
    // corrupt row cannot ask for a huge buffer. Runs take at most 2 bytes per pixel
    // until a run reaches 128 pixels, and fewer from then on.
    if (data.size() < 4)
        return fileError(where, QStringLiteral("corrupt label plane (%1 bytes)").arg(data.size()));
    const quint32 size = storedSize(data);
    const bool plausible = rle ? size <= 2 * out.size() : size == out.size();
    if (!plausible)
        return fileError(where, QStringLiteral("label plane holds %1 bytes, the grid needs %2")
                                    .arg(size)
                                    .arg(out.size()));
    const QByteArray plain = qUncompress(data);
    if (plain.size() != qsizetype(size) || (!rle && plain.size() != qsizetype(out.size())))
        return fileError(where, QStringLiteral("corrupt label plane (zlib stream)"));
    if (!rle) {
        std::memcpy(out.data(), plain.constData(), out.size());
        return true;
    }
    if (!runLengthDecode(plain, out))
        return fileError(where, QStringLiteral("corrupt label plane (runs do not fill the frame)"));
    return true;
}

std::vector<EncodedFrame> SegmentationCodec::encode(const LabelVolume& labels,
                                                    std::span<const std::uint8_t> touched) {
    std::vector<EncodedFrame> out;
    const VolumeExtent& e = labels.extent();
    for (int phase = 0; phase < e.phases; ++phase)
        for (int slice = 0; slice < e.slices; ++slice) {
            const auto plane = labels.frame(slice, phase).pixels();
            const std::size_t index = labels.volume().frameIndex(slice, phase);
            const bool isTouched = index < touched.size() && touched[index] != 0;
            const bool hasLabels =
                std::any_of(plane.begin(), plane.end(), [](std::uint8_t v) { return v != 0; });
            if (!hasLabels && !isTouched)
                continue;
            out.push_back({slice, phase, isTouched, compressPlane({plane.data(), plane.size()}),
                           QString::fromLatin1(kEncoding)});
        }
    return out;
}

Result<LabelVolume> SegmentationCodec::decode(const VolumeExtent& extent,
                                              const VolumeGeometry& geometry,
                                              const std::vector<EncodedFrame>& frames,
                                              std::vector<std::uint8_t>* touched,
                                              const QString& where) {
    auto labels = LabelVolume::create(extent, geometry);
    if (!labels)
        return fileError(where, labels.error().message);
    if (touched)
        touched->assign(extent.frameCount(), 0);
    for (const EncodedFrame& f : frames) {
        if (f.slice < 0 || f.slice >= extent.slices || f.phase < 0 || f.phase >= extent.phases)
            return fileError(where, QStringLiteral("stored frame (slice %1, phase %2) lies outside "
                                                   "the %3 x %4 grid")
                                        .arg(f.slice)
                                        .arg(f.phase)
                                        .arg(extent.slices)
                                        .arg(extent.phases));
        auto plane = labels->frame(f.slice, f.phase).pixels();
        auto ok = decompressPlane(f.data, {plane.data(), plane.size()}, where, f.encoding);
        if (!ok)
            return ok.error();
        if (touched && f.touched)
            (*touched)[labels->volume().frameIndex(f.slice, f.phase)] = 1;
    }
    return labels;
}

namespace {
template <typename Container> QJsonArray toArray(const Container& values) {
    QJsonArray a;
    for (double v : values)
        a.append(v);
    return a;
}

template <std::size_t N> bool fromArray(const QJsonValue& value, std::array<double, N>& out) {
    const QJsonArray a = value.toArray();
    if (a.size() != qsizetype(N))
        return false;
    for (std::size_t i = 0; i < N; ++i)
        out[i] = a[qsizetype(i)].toDouble();
    return true;
}
} // namespace

QString SegmentationCodec::geometryToJson(const VolumeGeometry& g) {
    QJsonObject o;
    o[QStringLiteral("pixel_spacing")] = toArray(g.pixelSpacing);
    o[QStringLiteral("slice_spacing")] = g.sliceSpacing;
    o[QStringLiteral("slice_thickness")] = g.sliceThickness;
    o[QStringLiteral("origin")] = toArray(g.origin);
    o[QStringLiteral("direction")] = toArray(g.direction);
    o[QStringLiteral("trigger_times_ms")] = toArray(g.triggerTimesMs);
    o[QStringLiteral("frame_time_ms")] = g.frameTimeMs;
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

Result<VolumeGeometry> SegmentationCodec::geometryFromJson(const QString& json,
                                                           const QString& where) {
    const QJsonObject o = QJsonDocument::fromJson(json.toUtf8()).object();
    VolumeGeometry g;
    const bool ok = fromArray(o.value(QStringLiteral("pixel_spacing")), g.pixelSpacing) &&
                    fromArray(o.value(QStringLiteral("origin")), g.origin) &&
                    fromArray(o.value(QStringLiteral("direction")), g.direction);
    if (!ok)
        return fileError(where, QStringLiteral("corrupt segmentation geometry: ") + json);
    g.sliceSpacing = o.value(QStringLiteral("slice_spacing")).toDouble(1.0);
    g.sliceThickness = o.value(QStringLiteral("slice_thickness")).toDouble();
    g.frameTimeMs = o.value(QStringLiteral("frame_time_ms")).toDouble();
    for (const QJsonValue& v : o.value(QStringLiteral("trigger_times_ms")).toArray())
        g.triggerTimesMs.push_back(v.toDouble());
    return g;
}

} // namespace cardiolens::labels
