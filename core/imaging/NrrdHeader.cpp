#include "imaging/NrrdHeader.h"

#include "imaging/TextHeaderCheck_p.h"

#include "common/SafeFile.h"

#include <QDir>
#include <QFileInfo>

namespace cardiolens::imaging {

namespace {

// NRRD's many spellings of each type, mapped to one name and its size.
std::pair<QString, int> normaliseType(QString t) {
    t = t.simplified().toLower();
    t.remove(QStringLiteral("_t"));
    static const std::pair<const char*, const char*> aliases[] = {
        {"signed char", "int8"},
        {"int8", "int8"},
        {"uchar", "uint8"},
        {"unsigned char", "uint8"},
        {"uint8", "uint8"},
        {"short", "int16"},
        {"short int", "int16"},
        {"signed short", "int16"},
        {"signed short int", "int16"},
        {"int16", "int16"},
        {"ushort", "uint16"},
        {"unsigned short", "uint16"},
        {"unsigned short int", "uint16"},
        {"uint16", "uint16"},
        {"int", "int32"},
        {"signed int", "int32"},
        {"int32", "int32"},
        {"uint", "uint32"},
        {"unsigned int", "uint32"},
        {"uint32", "uint32"},
        {"longlong", "int64"},
        {"long long", "int64"},
        {"long long int", "int64"},
        {"signed long long", "int64"},
        {"signed long long int", "int64"},
        {"int64", "int64"},
        {"ulonglong", "uint64"},
        {"unsigned long long", "uint64"},
        {"unsigned long long int", "uint64"},
        {"uint64", "uint64"},
        {"float", "float"},
        {"double", "double"}};
    for (const auto& [alias, name] : aliases) {
        if (t == QLatin1String(alias)) {
            const QString n = QString::fromLatin1(name);
            const int bytes = n.endsWith(QLatin1String("8")) && !n.endsWith(QLatin1String("64")) ? 1
                              : n.endsWith(QLatin1String("16"))                                  ? 2
                              : n.endsWith(QLatin1String("32")) || n == QLatin1String("float")   ? 4
                                                                                               : 8;
            return {n, bytes};
        }
    }
    return {QString(), 0};
}

Error bad(const QString& path, const QString& message) {
    return fileError(path, QStringLiteral("invalid NRRD header: ") + message);
}

} // namespace

std::uint64_t NrrdHeader::dataBytes() const {
    return detail::checkedBytes(sizes, std::uint64_t(bytesPerValue));
}

Result<NrrdHeader> NrrdHeader::inspect(const QString& path) {
    if (!QFileInfo(path).isFile())
        return fileError(path, QStringLiteral("no such file"));
    auto lines = detail::readHeaderLines(path);
    if (!lines)
        return lines.error();
    if (lines->empty() || !lines->front().text.startsWith(QLatin1String("NRRD000")))
        return bad(path, QStringLiteral("no NRRD000x magic line"));
    detail::TextHeader header;
    bool ended = false;
    for (std::size_t i = 1; i < lines->size(); ++i) {
        const detail::HeaderLine& line = (*lines)[i];
        if (line.text.isEmpty()) { // Blank line: attached data follows.
            header.headerBytes = line.end;
            ended = true;
            break;
        }
        if (line.text.startsWith(u'#'))
            continue;
        const qsizetype colon = line.text.indexOf(QLatin1String(": "));
        const qsizetype keyValue = line.text.indexOf(QLatin1String(":="));
        if (keyValue > 0 && (colon < 0 || keyValue < colon))
            continue; // Key/value pair: free text.
        if (colon <= 0)
            return bad(
                path,
                QStringLiteral("line \"%1\" is not \"field: value\"").arg(line.text.left(60)));
        header.fields.emplace_back(line.text.left(colon).trimmed(),
                                   line.text.mid(colon + 2).trimmed());
        header.headerBytes = line.end;
    }

    NrrdHeader h;
    bool ok = false;
    h.dimension = header.value(QStringLiteral("dimension")).toInt(&ok);
    if (!ok || h.dimension < 1 || h.dimension > 5)
        return bad(path, QStringLiteral("dimension must be 1..5"));
    for (double d : detail::parseNumbers(header.value(QStringLiteral("sizes")))) {
        if (d < 1 || d > 1e6 || d != std::int64_t(d))
            return bad(path, QStringLiteral("size %1 is not a valid extent").arg(d));
        h.sizes.push_back(std::int64_t(d));
    }
    if (int(h.sizes.size()) != h.dimension)
        return bad(
            path, QStringLiteral("%1 sizes for dimension %2").arg(h.sizes.size()).arg(h.dimension));
    const auto [type, bytes] = normaliseType(header.value(QStringLiteral("type")));
    if (bytes == 0)
        return bad(path, QStringLiteral("unsupported type \"%1\"")
                             .arg(header.value(QStringLiteral("type")).left(40)));
    h.type = type;
    h.bytesPerValue = bytes;
    h.encoding = header.value(QStringLiteral("encoding")).toLower();
    if (h.encoding == QLatin1String("gz"))
        h.encoding = QStringLiteral("gzip");
    if (h.encoding == QLatin1String("txt") || h.encoding == QLatin1String("text"))
        h.encoding = QStringLiteral("ascii");
    if (h.encoding != QLatin1String("raw") && h.encoding != QLatin1String("gzip") &&
        h.encoding != QLatin1String("ascii") && h.encoding != QLatin1String("hex"))
        return bad(path, QStringLiteral("unsupported encoding \"%1\"").arg(h.encoding.left(20)));

    QString dataName = header.value(QStringLiteral("data file"));
    if (dataName.isNull())
        dataName = header.value(QStringLiteral("datafile"));
    std::int64_t byteSkip = 0;
    if (header.has(QStringLiteral("byte skip"))) {
        byteSkip = header.value(QStringLiteral("byte skip")).toLongLong(&ok);
        if (!ok || byteSkip < -1)
            return bad(path, QStringLiteral("byte skip is not valid"));
    }
    if (dataName.isNull()) {
        if (!ended)
            return bad(path, QStringLiteral("no blank line before the data and no data file"));
        h.dataFile = path;
        h.dataOffset = header.headerBytes;
    } else {
        if (dataName.startsWith(QLatin1String("LIST")) || dataName.contains(u'%') ||
            dataName.contains(u' '))
            return fileError(path,
                             QStringLiteral("NRRD with a list of data files is not supported"));
        auto beside = SafeFile::dataFileBeside(QFileInfo(path).path(), dataName);
        if (!beside)
            return beside.error();
        h.dataFile = beside.value();
    }
    const std::uint64_t declared = h.dataBytes();
    std::uint64_t needed = declared;
    if (h.encoding == QLatin1String("ascii")) // At least one digit and a separator each.
        needed = declared / std::uint64_t(bytes) * 2 - 1;
    else if (h.encoding == QLatin1String("hex"))
        needed = declared * 2;
    if (byteSkip == -1 && h.encoding == QLatin1String("raw"))
        h.dataOffset = std::max<std::int64_t>(
            0, QFileInfo(h.dataFile).size() -
                   std::int64_t(std::min<std::uint64_t>(declared, INT64_MAX)));
    else if (byteSkip > 0)
        h.dataOffset += byteSkip;
    auto sized = detail::checkDataSize(
        path, h.dataFile, needed, h.dataOffset, h.encoding == QLatin1String("gzip"),
        QStringLiteral("%1 values of %2")
            .arg(QString::number(double(declared / std::uint64_t(bytes)), 'g', 12), h.type));
    if (!sized)
        return sized.error();
    return h;
}

} // namespace cardiolens::imaging
