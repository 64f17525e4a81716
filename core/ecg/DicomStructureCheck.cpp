#include "ecg/DicomStructureCheck.h"

#include "common/DicomVr.h"

namespace cardiolens::ecg {

namespace {

constexpr int kMaxDepth = 32;
constexpr std::uint32_t kUndefined = 0xFFFFFFFFu;

class Walker {
public:
    Walker(const QByteArray& b)
        : m_p(reinterpret_cast<const unsigned char*>(b.constData())), m_n(b.size()) {}

    QString error;
    qint64 pos = 0;
    bool explicitVr = true;

    // Elements from pos until 'end' (or until a delimiter when end < 0).
    bool elements(qint64 end, int depth) {
        if (depth > kMaxDepth)
            return fail(QStringLiteral("sequences nested too deeply"));
        while (end < 0 ? pos < m_n : pos < end) {
            if (!need(4))
                return false;
            const std::uint16_t group = u16(pos), element = u16(pos + 2);
            if (group == 0xFFFE) { // Item delimitation (E00D) or sequence delimitation.
                if (!need(8))
                    return false;
                pos += 8;
                if (element == 0xE00D || element == 0xE0DD)
                    return end < 0 ? true : fail(QStringLiteral("unexpected delimiter"));
                return fail(QStringLiteral("item tag outside a sequence"));
            }
            const bool meta = group == 0x0002;
            std::uint32_t length = 0;
            QByteArray vr;
            if (explicitVr || meta) {
                if (!need(8))
                    return false;
                vr = QByteArray(reinterpret_cast<const char*>(m_p + pos + 4), 2);
                // Letters are not enough: GDCM falls back to guessing on an unknown VR,
                // which aborts in the meta group and allocates ~2 GB elsewhere.
                if (!dicom::isKnownVr(vr[0], vr[1]))
                    return fail(QStringLiteral("invalid VR '%1'")
                                    .arg(QString::fromLatin1(vr.toPercentEncoding())));
                if (dicom::isLongVr(vr[0], vr[1])) {
                    if (!need(12))
                        return false;
                    length = u32(pos + 8);
                    pos += 12;
                } else {
                    length = u16(pos + 6);
                    pos += 8;
                }
            } else {
                if (!need(8))
                    return false;
                length = u32(pos + 4);
                pos += 8;
            }
            if (length == kUndefined) {
                if (!items(-1, depth + 1)) // SQ, UN-as-SQ or encapsulated data: items.
                    return false;
                continue;
            }
            if (!need(length))
                return false;
            if (vr == "SQ") {
                const qint64 stop = pos + length;
                if (!items(stop, depth + 1))
                    return false;
                pos = stop;
                continue;
            }
            pos += length;
        }
        return end < 0 ? fail(QStringLiteral("missing delimiter")) : true;
    }

private:
    // Items of a sequence until 'end' or the sequence delimitation item.
    bool items(qint64 end, int depth) {
        if (depth > kMaxDepth)
            return fail(QStringLiteral("sequences nested too deeply"));
        while (end < 0 || pos < end) {
            if (!need(8))
                return false;
            const std::uint16_t group = u16(pos), element = u16(pos + 2);
            const std::uint32_t length = u32(pos + 4);
            pos += 8;
            if (group != 0xFFFE)
                return fail(QStringLiteral("expected an item"));
            if (element == 0xE0DD)
                return true;
            if (element != 0xE000)
                return fail(QStringLiteral("unexpected delimiter in a sequence"));
            if (length == kUndefined) {
                if (!elements(-1, depth + 1))
                    return false;
                continue;
            }
            if (!need(length))
                return false;
            const qint64 stop = pos + length;
            // Item content is a data set, except for encapsulated pixel fragments, which
            // the caller cannot tell apart cheaply: accept either when the bytes fit.
            const qint64 save = pos;
            const QString before = error;
            if (!elements(stop, depth + 1)) {
                error = before;
            }
            pos = save + length;
        }
        return true;
    }

    bool need(qint64 bytes) {
        if (pos + bytes <= m_n)
            return true;
        return fail(QStringLiteral("truncated: an element needs %1 bytes beyond the end")
                        .arg(pos + bytes - m_n));
    }
    bool fail(const QString& what) {
        if (error.isEmpty())
            error = QStringLiteral("%1 (at byte %2)").arg(what).arg(pos);
        return false;
    }
    std::uint16_t u16(qint64 at) const { return std::uint16_t(m_p[at] | m_p[at + 1] << 8); }
    std::uint32_t u32(qint64 at) const {
        return std::uint32_t(m_p[at]) | std::uint32_t(m_p[at + 1]) << 8 |
               std::uint32_t(m_p[at + 2]) << 16 | std::uint32_t(m_p[at + 3]) << 24;
    }

    const unsigned char* m_p;
    qint64 m_n;
};

} // namespace

Result<bool> DicomStructureCheck::check(const QByteArray& bytes, const QString& path) {
    if (bytes.size() < 132 || bytes.mid(128, 4) != "DICM")
        return fileError(path, QStringLiteral("not a DICOM file (no DICM preamble)"));
    const QByteArray explicitLe = "1.2.840.10008.1.2.1";
    const QByteArray implicitLe = "1.2.840.10008.1.2";
    // The transfer syntax UID in the meta group decides how the data set is encoded.
    const qsizetype ts = bytes.indexOf(QByteArray("\x02\x00\x10\x00UI", 6), 132);
    QByteArray syntax;
    if (ts > 0 && ts + 8 <= bytes.size()) {
        const int len = int(std::uint8_t(bytes[ts + 6])) | int(std::uint8_t(bytes[ts + 7])) << 8;
        syntax = bytes.mid(ts + 8, len);
        while (syntax.endsWith('\0') || syntax.endsWith(' '))
            syntax.chop(1);
    }
    Walker w(bytes);
    w.pos = 132;
    if (syntax == implicitLe)
        w.explicitVr = false;
    else if (syntax != explicitLe && !syntax.startsWith("1.2.840.10008.1.2.4") &&
             syntax != "1.2.840.10008.1.2.5" && syntax != "1.2.840.10008.1.2.1.99")
        return fileError(
            path,
            QStringLiteral("unsupported transfer syntax '%1'").arg(QString::fromLatin1(syntax)));
    if (!w.elements(bytes.size(), 0))
        return fileError(path, QStringLiteral("malformed DICOM: %1").arg(w.error));
    return true;
}

} // namespace cardiolens::ecg
