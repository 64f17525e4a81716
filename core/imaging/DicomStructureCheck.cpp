#include "imaging/DicomStructureCheck.h"

#include "common/DicomVr.h"

#include <QFile>

#include <cstring>
#include <map>

namespace cardiolens::imaging {

namespace {

constexpr std::uint32_t kUndefined = 0xffffffffu;

bool knownVr(char a, char b) {
    return dicom::isKnownVr(a, b);
}

bool longVr(char a, char b) {
    return dicom::isLongVr(a, b);
}

class Walker {
public:
    Walker(const uchar* data, qint64 size) : m_data(data), m_size(size) {}

    bool bigEndian = false;
    bool explicitVr = true;
    QString why;
    /// Offset and length of each top-level element's value, by (group << 16 | element).
    struct Value {
        qint64 offset = 0;
        qint64 length = 0;
        char vr[2] = {0, 0}; ///< Explicit VR; zeros when implicit.
    };
    std::map<std::uint32_t, Value> topLevel;

    std::uint16_t u16(qint64 at) const {
        return bigEndian ? std::uint16_t((m_data[at] << 8) | m_data[at + 1])
                         : std::uint16_t(m_data[at] | (m_data[at + 1] << 8));
    }
    std::uint32_t u32(qint64 at) const {
        return bigEndian ? (std::uint32_t(u16(at)) << 16) | u16(at + 2)
                         : std::uint32_t(u16(at)) | (std::uint32_t(u16(at + 2)) << 16);
    }
    std::uint16_t le16(qint64 at) const {
        return std::uint16_t(m_data[at] | (m_data[at + 1] << 8));
    }

    // Elements from pos up to end (defined length) or up to an item delimiter.
    bool dataSet(qint64& pos, qint64 end, bool untilDelimiter, int depth) {
        if (depth > 16)
            return fail(pos, QStringLiteral("sequences nested too deeply"));
        while (untilDelimiter || pos < end) {
            if (pos + 8 > end)
                return fail(pos, QStringLiteral("truncated element header"));
            const std::uint16_t group = u16(pos), element = u16(pos + 2);
            if (group == 0xfffe) {
                if (untilDelimiter && element == 0xe00d) { // Item delimitation.
                    pos += 8;
                    return true;
                }
                return fail(pos, QStringLiteral("unexpected delimiter"));
            }
            const bool pixelData = group == 0x7fe0 && element == 0x0010;
            const qint64 start = pos;
            if (!this->element(pos, end, depth))
                return false;
            if (depth == 0) {
                Value v;
                const bool hasVr = explicitVr || group == 0x0002;
                if (hasVr) {
                    v.vr[0] = char(m_data[start + 4]);
                    v.vr[1] = char(m_data[start + 5]);
                }
                const qint64 header = hasVr && longVr(v.vr[0], v.vr[1]) ? 12 : 8;
                v.offset = start + header;
                v.length = pos - v.offset;
                // A repeated tag is invalid, and GDCM keeps the first where a check of
                // the last would be fooled.
                if (!topLevel.emplace((std::uint32_t(group) << 16) | element, v).second)
                    return fail(start, QStringLiteral("element (%1,%2) appears twice")
                                           .arg(group, 4, 16, QLatin1Char('0'))
                                           .arg(element, 4, 16, QLatin1Char('0')));
            }
            if (pixelData && depth == 0)
                return true; // Trailing padding after the pixels is not our concern.
        }
        return pos == end || fail(pos, QStringLiteral("element runs past its item"));
    }

private:
    bool fail(qint64 pos, const QString& text) {
        why = QStringLiteral("%1 at byte %2").arg(text).arg(pos);
        return false;
    }

    bool element(qint64& pos, qint64 end, int depth) {
        const std::uint16_t group = u16(pos), elementNumber = u16(pos + 2);
        char vr[2] = {0, 0};
        std::uint32_t length = 0;
        qint64 header = 8;
        if (explicitVr || group == 0x0002) {
            vr[0] = char(m_data[pos + 4]);
            vr[1] = char(m_data[pos + 5]);
            if (!knownVr(vr[0], vr[1]))
                return fail(pos, QStringLiteral("invalid VR"));
            if (longVr(vr[0], vr[1])) {
                if (pos + 12 > end)
                    return fail(pos, QStringLiteral("truncated element header"));
                length = u32(pos + 8);
                header = 12;
            } else {
                length = u16(pos + 6);
            }
        } else {
            length = u32(pos + 4);
        }
        pos += header;
        const bool sequence = (vr[0] == 'S' && vr[1] == 'Q') ||
                              (!explicitVr && length == kUndefined) ||
                              (vr[0] == 'U' && vr[1] == 'N' && length == kUndefined);
        const bool pixelData = group == 0x7fe0 && elementNumber == 0x0010;
        if (length == kUndefined) {
            if (pixelData)
                return fragments(pos, end);
            if (!sequence)
                return fail(pos, QStringLiteral("undefined length outside a sequence"));
            return items(pos, end, true, depth);
        }
        if (qint64(length) > end - pos)
            return fail(pos, QStringLiteral("element (%1,%2) of %3 bytes runs past the end "
                                            "(file truncated?)")
                                 .arg(group, 4, 16, QLatin1Char('0'))
                                 .arg(elementNumber, 4, 16, QLatin1Char('0'))
                                 .arg(length));
        if (sequence && vr[0] == 'S') {
            qint64 inner = pos;
            if (!items(inner, pos + length, false, depth))
                return false;
        }
        pos += length;
        return true;
    }

    // Items of a sequence until its delimiter (undefined length) or its end.
    bool items(qint64& pos, qint64 end, bool untilDelimiter, int depth) {
        while (untilDelimiter || pos < end) {
            if (pos + 8 > end)
                return fail(pos, QStringLiteral("truncated sequence"));
            if (u16(pos) != 0xfffe)
                return fail(pos, QStringLiteral("sequence item expected"));
            const std::uint16_t kind = u16(pos + 2);
            const std::uint32_t length = u32(pos + 4);
            pos += 8;
            if (kind == 0xe0dd) // Sequence delimitation.
                return untilDelimiter || fail(pos, QStringLiteral("stray sequence delimiter"));
            if (kind != 0xe000)
                return fail(pos, QStringLiteral("sequence item expected"));
            if (length == kUndefined) {
                if (!dataSet(pos, end, true, depth + 1))
                    return false;
            } else {
                if (qint64(length) > end - pos)
                    return fail(pos, QStringLiteral("sequence item runs past the end"));
                qint64 inner = pos;
                if (!dataSet(inner, pos + length, false, depth + 1))
                    return false;
                pos += length;
            }
        }
        return pos == end || fail(pos, QStringLiteral("item runs past its sequence"));
    }

    // Encapsulated pixel data: items of defined length up to the sequence delimiter.
    bool fragments(qint64& pos, qint64 end) {
        while (true) {
            if (pos + 8 > end)
                return fail(pos, QStringLiteral("truncated encapsulated pixel data"));
            const std::uint16_t group = u16(pos), kind = u16(pos + 2);
            const std::uint32_t length = u32(pos + 4);
            pos += 8;
            if (group != 0xfffe || (kind != 0xe000 && kind != 0xe0dd))
                return fail(pos, QStringLiteral("invalid pixel data fragment"));
            if (kind == 0xe0dd)
                return true;
            if (length == kUndefined || qint64(length) > end - pos)
                return fail(pos, QStringLiteral("pixel data fragment runs past the end (file "
                                                "truncated?)"));
            pos += length;
        }
    }

    const uchar* m_data;
    qint64 m_size;
};

Error malformed(const QString& path, const QString& why) {
    return fileError(path, QStringLiteral("malformed or truncated DICOM file: ") + why);
}

// Attributes GDCM's image reader reads as typed values: with another VR (or a US of the
// wrong size) it asserts instead of failing.
Result<bool> checkTypedAttributes(const Walker& w, const QString& path) {
    struct Expected {
        std::uint16_t group, element;
        const char* vrs; // Allowed VRs, concatenated.
        qint64 length;   // Exact value length, or -1.
    };
    static const Expected table[] = {
        {0x0008, 0x0008, "CS", -1},   {0x0008, 0x0016, "UI", -1},   {0x0008, 0x0018, "UI", -1},
        {0x0008, 0x0060, "CS", -1},   {0x0018, 0x0040, "IS", -1},   {0x0018, 0x0050, "DS", -1},
        {0x0018, 0x0088, "DS", -1},   {0x0018, 0x1060, "DS", -1},   {0x0018, 0x1063, "DS", -1},
        {0x0018, 0x1065, "DS", -1},   {0x0018, 0x6011, "SQ", -1},   {0x0020, 0x000d, "UI", -1},
        {0x0020, 0x000e, "UI", -1},   {0x0020, 0x0011, "IS", -1},   {0x0020, 0x0013, "IS", -1},
        {0x0020, 0x0032, "DS", -1},   {0x0020, 0x0037, "DS", -1},   {0x0028, 0x0002, "US", 2},
        {0x0028, 0x0004, "CS", -1},   {0x0028, 0x0006, "US", 2},    {0x0028, 0x0008, "IS", -1},
        {0x0028, 0x0009, "AT", -1},   {0x0028, 0x0010, "US", 2},    {0x0028, 0x0011, "US", 2},
        {0x0028, 0x0030, "DS", -1},   {0x0028, 0x0034, "IS", -1},   {0x0028, 0x0100, "US", 2},
        {0x0028, 0x0101, "US", 2},    {0x0028, 0x0102, "US", 2},    {0x0028, 0x0103, "US", 2},
        {0x0028, 0x0106, "USSS", -1}, {0x0028, 0x0107, "USSS", -1}, {0x0028, 0x0120, "USSS", -1},
        {0x0028, 0x1050, "DS", -1},   {0x0028, 0x1051, "DS", -1},   {0x0028, 0x1052, "DS", -1},
        {0x0028, 0x1053, "DS", -1},   {0x0028, 0x1101, "USSS", 6},  {0x0028, 0x1102, "USSS", 6},
        {0x0028, 0x1103, "USSS", 6},  {0x0028, 0x1201, "OWOB", -1}, {0x0028, 0x1202, "OWOB", -1},
        {0x0028, 0x1203, "OWOB", -1}, {0x0028, 0x2110, "CS", -1},   {0x7fe0, 0x0010, "OBOW", -1}};
    for (const Expected& e : table) {
        const auto it = w.topLevel.find((std::uint32_t(e.group) << 16) | e.element);
        if (it == w.topLevel.end())
            continue;
        const Walker::Value& v = it->second;
        bool vrOk = v.vr[0] == 0; // Implicit VR: nothing to compare.
        for (const char* a = e.vrs; !vrOk && *a; a += 2)
            vrOk = v.vr[0] == a[0] && v.vr[1] == a[1];
        const bool lengthOk = e.length < 0 || v.length == e.length || v.length == 0;
        if (!vrOk || !lengthOk)
            return malformed(path, QStringLiteral("(%1,%2) has VR %3 and %4 bytes")
                                       .arg(e.group, 4, 16, QLatin1Char('0'))
                                       .arg(e.element, 4, 16, QLatin1Char('0'))
                                       .arg(QLatin1String(v.vr, v.vr[0] ? 2 : 0))
                                       .arg(v.length));
    }
    return true;
}

// Attribute combinations on which GDCM's image reader asserts rather than failing.
Result<bool> checkImageAttributes(const Walker& w, const uchar* data, const QString& path) {
    const auto value = [&](std::uint16_t g, std::uint16_t e) -> QByteArray {
        const auto it = w.topLevel.find((std::uint32_t(g) << 16) | e);
        if (it == w.topLevel.end())
            return {};
        return QByteArray(reinterpret_cast<const char*>(data + it->second.offset),
                          int(it->second.length));
    };
    if (auto typed = checkTypedAttributes(w, path); !typed)
        return typed;
    // Pixel-format values GDCM's image reader asserts on rather than failing.
    const auto unsignedShort = [&](std::uint16_t g, std::uint16_t e) -> int {
        const QByteArray v = value(g, e);
        if (v.size() != 2)
            return -1; // Absent (or empty): GDCM uses its defaults.
        const auto* p = reinterpret_cast<const uchar*>(v.constData());
        return w.bigEndian ? (p[0] << 8) | p[1] : p[0] | (p[1] << 8);
    };
    const int samples = unsignedShort(0x0028, 0x0002);
    if (samples == 0 || samples == 2 || samples > 4)
        return malformed(path, QStringLiteral("Samples per Pixel (0028,0002) is %1; 1, 3 or 4 "
                                              "are supported")
                                   .arg(samples));
    const int bitsAllocated = unsignedShort(0x0028, 0x0100);
    if (bitsAllocated >= 0 && bitsAllocated != 8 && bitsAllocated != 16 && bitsAllocated != 32)
        return malformed(path, QStringLiteral("Bits Allocated (0028,0100) is %1; 8, 16 or 32 are "
                                              "supported")
                                   .arg(bitsAllocated));
    const int bitsStored = unsignedShort(0x0028, 0x0101);
    if (bitsAllocated > 0 && (bitsStored == 0 || bitsStored > bitsAllocated))
        return malformed(path, QStringLiteral("Bits Stored (0028,0101) is %1 with %2 bits "
                                              "allocated")
                                   .arg(bitsStored)
                                   .arg(bitsAllocated));
    // Rescale Slope and Intercept come as a pair (PS3.3 C.11.1); GDCM asserts on either alone.
    const bool slope = w.topLevel.count((0x0028u << 16) | 0x1053) > 0;
    const bool intercept = w.topLevel.count((0x0028u << 16) | 0x1052) > 0;
    if (slope != intercept)
        return malformed(path, slope ? QStringLiteral("Rescale Slope (0028,1053) without Rescale "
                                                      "Intercept (0028,1052)")
                                     : QStringLiteral("Rescale Intercept (0028,1052) without "
                                                      "Rescale Slope (0028,1053)"));
    const QByteArray recognition = value(0x0008, 0x0010);
    if (!recognition.isEmpty() && !recognition.startsWith("ACR-NEMA") &&
        !recognition.startsWith("ACRNEMA"))
        return malformed(path, QStringLiteral("invalid Recognition Code (0008,0010)"));
    if (!value(0x0028, 0x0004).trimmed().startsWith("PALETTE COLOR"))
        return true;
    for (std::uint16_t c = 0; c < 3; ++c) {
        const QByteArray descriptor = value(0x0028, std::uint16_t(0x1101 + c));
        const QByteArray lut = value(0x0028, std::uint16_t(0x1201 + c));
        const bool segmented = !value(0x0028, std::uint16_t(0x1221 + c)).isEmpty();
        if (descriptor.size() != 6)
            return malformed(path, QStringLiteral("palette descriptor %1 is not 3 values").arg(c));
        const auto word = [&](int i) {
            return w.bigEndian ? (std::uint8_t(descriptor[2 * i]) << 8) |
                                     std::uint8_t(descriptor[2 * i + 1])
                               : std::uint8_t(descriptor[2 * i]) |
                                     (std::uint8_t(descriptor[2 * i + 1]) << 8);
        };
        const qint64 entries = word(0) == 0 ? 65536 : word(0);
        if (word(1) != 0) // GDCM supports (and asserts on) first-mapped value 0 only.
            return malformed(path, QStringLiteral("palette first mapped value %1 is not "
                                                  "supported")
                                       .arg(word(1)));
        const int bits = word(2);
        if (bits != 8 && bits != 16)
            return malformed(path, QStringLiteral("palette entries of %1 bits").arg(bits));
        if (lut.isEmpty() && !segmented)
            return malformed(path,
                             QStringLiteral("palette colour image without lookup table data"));
        if (!lut.isEmpty() && lut.size() != entries * bits / 8)
            return malformed(path, QStringLiteral("palette lookup table of %1 bytes for %2 "
                                                  "entries of %3 bits")
                                       .arg(lut.size())
                                       .arg(entries)
                                       .arg(bits));
    }
    return true;
}

} // namespace

QString DicomStructureCheck::transferSyntaxOf(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray b = f.read(16 * 1024);
    if (b.size() < 140 || b.mid(128, 4) != "DICM")
        return {};
    const auto le16 = [&](qsizetype at) {
        return std::uint16_t(std::uint8_t(b[at]) | (std::uint8_t(b[at + 1]) << 8));
    };
    qsizetype pos = 132;
    while (pos + 8 <= b.size() && le16(pos) == 0x0002) {
        const bool wide = longVr(b[pos + 4], b[pos + 5]);
        const qsizetype header = wide ? 12 : 8;
        if (pos + header > b.size())
            break;
        const qsizetype length =
            wide ? qsizetype(le16(pos + 8) | (le16(pos + 10) << 16)) : qsizetype(le16(pos + 6));
        if (length < 0 || pos + header + length > b.size())
            break;
        if (le16(pos + 2) == 0x0010)
            return QString::fromLatin1(b.mid(pos + header, length)).remove(QChar(0)).trimmed();
        pos += header + length;
    }
    return {};
}

Result<bool> DicomStructureCheck::check(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return fileError(path, QStringLiteral("cannot open file"));
    const qint64 size = f.size();
    const uchar* data = size > 0 ? f.map(0, size) : nullptr;
    if (!data)
        return fileError(path, QStringLiteral("empty or unreadable file"));
    Walker w(data, size);
    if (size < 132 || std::memcmp(data + 128, "DICM", 4) != 0) {
        // No preamble (ACR-NEMA style): implicit VR little endian from byte 0.
        if (size < 8 || !(w.le16(0) == 0x0008 || w.le16(0) == 0x0002))
            return fileError(path, QStringLiteral("not a DICOM file (no DICM preamble)"));
        w.explicitVr = w.le16(0) == 0x0002 || (data[4] >= 'A' && data[4] <= 'Z');
        qint64 pos = 0;
        if (!w.dataSet(pos, size, false, 0))
            return malformed(path, w.why);
        return true;
    }
    // File Meta Information: explicit VR little endian, group 0002.
    qint64 pos = 132;
    QByteArray transferSyntax;
    // Parse the meta group element by element (explicit VR LE), keeping the transfer syntax.
    while (pos + 8 <= size && w.le16(pos) == 0x0002) {
        const char a = char(data[pos + 4]), b = char(data[pos + 5]);
        if (!knownVr(a, b))
            return malformed(path, QStringLiteral("meta element without VR at byte %1").arg(pos));
        const bool wide = longVr(a, b);
        const qint64 header = wide ? 12 : 8;
        if (pos + header > size)
            return malformed(path, QStringLiteral("truncated meta header"));
        const qint64 length = wide ? qint64(w.u32(pos + 8)) : qint64(w.le16(pos + 6));
        if (length == qint64(kUndefined) || pos + header + length > size)
            return malformed(path,
                             QStringLiteral("meta element at byte %1 runs past the end").arg(pos));
        if (w.le16(pos + 2) == 0x0010)
            transferSyntax =
                QByteArray(reinterpret_cast<const char*>(data + pos + header), int(length))
                    .trimmed()
                    .replace('\0', "");
        pos += header + length;
    }
    if (transferSyntax.isEmpty())
        return malformed(path, QStringLiteral("no transfer syntax in the meta header"));
    if (transferSyntax == "1.2.840.10008.1.2.1.99")
        return true; // Deflated: GDCM inflates; structure not checked here.
    w.explicitVr = transferSyntax != "1.2.840.10008.1.2";
    w.bigEndian = transferSyntax == "1.2.840.10008.1.2.2";
    if (!w.dataSet(pos, size, false, 0))
        return malformed(path, w.why);
    return checkImageAttributes(w, data, path);
}

} // namespace cardiolens::imaging
