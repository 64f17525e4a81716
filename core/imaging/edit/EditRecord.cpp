#include "imaging/edit/EditRecord.h"

#include "imaging/LabelVolume.h"

#include <QDataStream>
#include <QIODevice>

namespace cardiolens::imaging {

namespace {
constexpr quint32 kMagic = 0x434c4544; // "CLED"
constexpr quint16 kVersion = 1;
constexpr quint32 kMaxDeltas = 1u << 20;
constexpr quint32 kMaxStream = 1u << 30;
} // namespace

std::size_t EditRecord::bytes() const {
    std::size_t total = sizeof(EditRecord) + std::size_t(action.capacity()) * sizeof(QChar);
    for (const FrameDelta& d : deltas)
        total += d.bytes();
    return total;
}

std::size_t EditRecord::changedPixels() const {
    std::size_t total = 0;
    for (const FrameDelta& d : deltas)
        total += d.changedPixels();
    return total;
}

QByteArray EditRecord::serialize() const {
    QByteArray out;
    QDataStream s(&out, QIODevice::WriteOnly);
    s.setByteOrder(QDataStream::LittleEndian);
    s << kMagic << kVersion << quint64(sequence) << action.toUtf8() << quint32(deltas.size());
    for (const FrameDelta& d : deltas) {
        s << qint32(d.slice) << qint32(d.phase) << qint32(d.box.x) << qint32(d.box.y)
          << qint32(d.box.width) << qint32(d.box.height)
          << quint8((d.touchedBefore ? 1 : 0) | (d.touchedAfter ? 2 : 0)) << quint32(d.rle.size());
        s.writeRawData(reinterpret_cast<const char*>(d.rle.data()), int(d.rle.size()));
    }
    return out;
}

Result<EditRecord> EditRecord::deserialize(const QByteArray& bytes) {
    QDataStream s(bytes);
    s.setByteOrder(QDataStream::LittleEndian);
    quint32 magic = 0, count = 0;
    quint16 version = 0;
    quint64 sequence = 0;
    QByteArray action;
    s >> magic >> version;
    if (s.status() != QDataStream::Ok || magic != kMagic)
        return Error{QStringLiteral("not an edit record (bad magic)"), {}};
    if (version != kVersion)
        return Error{QStringLiteral("edit record version %1 is not supported").arg(version), {}};
    s >> sequence >> action >> count;
    if (s.status() != QDataStream::Ok || count > kMaxDeltas)
        return Error{QStringLiteral("edit record header is truncated or inconsistent"), {}};
    EditRecord r;
    r.sequence = sequence;
    r.action = QString::fromUtf8(action);
    for (quint32 i = 0; i < count; ++i) {
        qint32 sl = 0, ph = 0, x = 0, y = 0, w = 0, h = 0;
        quint8 flags = 0;
        quint32 size = 0;
        s >> sl >> ph >> x >> y >> w >> h >> flags >> size;
        if (s.status() != QDataStream::Ok || size > kMaxStream ||
            qint64(size) > qint64(bytes.size()) || w <= 0 || h <= 0 || sl < 0 || ph < 0)
            return Error{QStringLiteral("edit record delta %1 is truncated or inconsistent").arg(i),
                         {}};
        FrameDelta d;
        d.slice = sl;
        d.phase = ph;
        d.box = {x, y, w, h};
        d.touchedBefore = flags & 1;
        d.touchedAfter = flags & 2;
        d.rle.resize(size);
        if (s.readRawData(reinterpret_cast<char*>(d.rle.data()), int(size)) != int(size))
            return Error{QStringLiteral("edit record delta %1 is truncated").arg(i), {}};
        r.deltas.push_back(std::move(d));
    }
    return r;
}

Result<bool> EditRecord::applyTo(LabelVolume& labels) const {
    const VolumeExtent& e = labels.extent();
    for (const FrameDelta& d : deltas)
        if (d.slice >= e.slices || d.phase >= e.phases ||
            d.box.clipped(e.width, e.height) != d.box || !d.isWellFormed())
            return Error{QStringLiteral("edit record %1 (%2) does not fit the labels: frame "
                                        "slice %3 phase %4")
                             .arg(sequence)
                             .arg(action)
                             .arg(d.slice)
                             .arg(d.phase),
                         {}};
    for (const FrameDelta& d : deltas)
        if (!d.applyTo(labels.frame(d.slice, d.phase)))
            return Error{QStringLiteral("edit record %1 (%2) has a malformed delta")
                             .arg(sequence)
                             .arg(action),
                         {}};
    return true;
}

} // namespace cardiolens::imaging
