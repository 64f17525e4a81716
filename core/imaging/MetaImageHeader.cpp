#include "imaging/MetaImageHeader.h"

#include "imaging/TextHeaderCheck_p.h"

#include "common/SafeFile.h"

#include <QDir>
#include <QFileInfo>

#include <map>

namespace cardiolens::imaging {

namespace {

int bytesFor(const QString& type) {
    static const std::map<QString, int> table = {
        {QStringLiteral("MET_CHAR"), 1},      {QStringLiteral("MET_UCHAR"), 1},
        {QStringLiteral("MET_SHORT"), 2},     {QStringLiteral("MET_USHORT"), 2},
        {QStringLiteral("MET_INT"), 4},       {QStringLiteral("MET_UINT"), 4},
        {QStringLiteral("MET_LONG"), 4},      {QStringLiteral("MET_ULONG"), 4},
        {QStringLiteral("MET_LONG_LONG"), 8}, {QStringLiteral("MET_ULONG_LONG"), 8},
        {QStringLiteral("MET_FLOAT"), 4},     {QStringLiteral("MET_DOUBLE"), 8}};
    const auto it = table.find(type);
    return it == table.end() ? 0 : it->second;
}

Error bad(const QString& path, const QString& message) {
    return fileError(path, QStringLiteral("invalid MetaImage header: ") + message);
}

} // namespace

std::uint64_t MetaImageHeader::dataBytes() const {
    return detail::checkedBytes(sizes, std::uint64_t(bytesPerComponent) * std::uint64_t(channels));
}

Result<MetaImageHeader> MetaImageHeader::inspect(const QString& path) {
    if (!QFileInfo(path).isFile())
        return fileError(path, QStringLiteral("no such file"));
    auto lines = detail::readHeaderLines(path);
    if (!lines)
        return lines.error();
    detail::TextHeader header;
    bool sawDataFile = false;
    for (const detail::HeaderLine& line : *lines) {
        if (line.text.trimmed().isEmpty())
            continue;
        const qsizetype eq = line.text.indexOf(u'=');
        if (eq <= 0)
            return bad(
                path, QStringLiteral("line \"%1\" is not \"Key = Value\"").arg(line.text.left(60)));
        header.fields.emplace_back(line.text.left(eq).trimmed(), line.text.mid(eq + 1).trimmed());
        if (header.fields.back().first == QLatin1String("ElementDataFile")) {
            header.headerBytes = line.end;
            sawDataFile = true;
            break; // By definition the last field; data may follow directly.
        }
        if (header.fields.size() > 200)
            return bad(path, QStringLiteral("too many fields"));
    }
    if (!sawDataFile)
        return bad(path, QStringLiteral("no ElementDataFile field"));

    MetaImageHeader h;
    bool ok = false;
    h.dimensions = header.value(QStringLiteral("NDims")).toInt(&ok);
    if (!ok || h.dimensions < 2 || h.dimensions > 4)
        return bad(
            path,
            QStringLiteral("NDims \"%1\" is not 2..4").arg(header.value(QStringLiteral("NDims"))));
    for (double d : detail::parseNumbers(header.value(QStringLiteral("DimSize")))) {
        if (d < 1 || d > 1e6 || d != std::int64_t(d))
            return bad(path, QStringLiteral("DimSize value %1 is not a valid extent").arg(d));
        h.sizes.push_back(std::int64_t(d));
    }
    if (int(h.sizes.size()) != h.dimensions)
        return bad(path, QStringLiteral("DimSize has %1 values for NDims %2")
                             .arg(h.sizes.size())
                             .arg(h.dimensions));
    h.elementType = header.value(QStringLiteral("ElementType"));
    h.bytesPerComponent = bytesFor(h.elementType);
    if (h.bytesPerComponent == 0)
        return bad(path, QStringLiteral("unknown ElementType \"%1\"").arg(h.elementType.left(40)));
    if (header.has(QStringLiteral("ElementNumberOfChannels"))) {
        h.channels = header.value(QStringLiteral("ElementNumberOfChannels")).toInt(&ok);
        if (!ok || h.channels < 1 || h.channels > 4)
            return bad(path, QStringLiteral("ElementNumberOfChannels must be 1..4"));
    }
    // Geometry fields must carry exactly the numbers NDims implies: MetaIO reads them into
    // fixed arrays.
    const std::pair<const char*, int> counts[] = {{"ElementSpacing", h.dimensions},
                                                  {"ElementSize", h.dimensions},
                                                  {"Offset", h.dimensions},
                                                  {"Position", h.dimensions},
                                                  {"Origin", h.dimensions},
                                                  {"TransformMatrix", h.dimensions * h.dimensions},
                                                  {"Orientation", h.dimensions * h.dimensions},
                                                  {"Rotation", h.dimensions * h.dimensions},
                                                  {"CenterOfRotation", h.dimensions}};
    for (const auto& [key, expected] : counts) {
        const QString text = header.value(QString::fromLatin1(key));
        if (text.isNull())
            continue;
        const auto numbers = detail::parseNumbers(text);
        if (int(numbers.size()) != expected)
            return bad(path, QStringLiteral("%1 needs %2 numbers, has \"%3\"")
                                 .arg(QLatin1String(key))
                                 .arg(expected)
                                 .arg(text.left(60)));
        if (QLatin1String(key) == QLatin1String("ElementSpacing"))
            h.spacing = numbers;
    }
    const QString binary = header.value(QStringLiteral("BinaryData"));
    if (!binary.isNull() && binary.compare(QLatin1String("True"), Qt::CaseInsensitive) != 0)
        return bad(path, QStringLiteral("ASCII MetaImage data is not supported"));
    h.compressed = header.value(QStringLiteral("CompressedData"))
                       .compare(QLatin1String("True"), Qt::CaseInsensitive) == 0;
    if (header.has(QStringLiteral("CompressedDataSize"))) {
        h.compressedSize = header.value(QStringLiteral("CompressedDataSize")).toLongLong(&ok);
        if (!ok || h.compressedSize < 1)
            return bad(path, QStringLiteral("CompressedDataSize is not a positive number"));
    }
    std::int64_t headerSize = 0;
    if (header.has(QStringLiteral("HeaderSize"))) {
        headerSize = header.value(QStringLiteral("HeaderSize")).toLongLong(&ok);
        if (!ok || headerSize < -1)
            return bad(path, QStringLiteral("HeaderSize is not valid"));
    }

    const QString dataName = header.value(QStringLiteral("ElementDataFile"));
    if (dataName.isEmpty() || dataName.size() > 200)
        return bad(path, QStringLiteral("ElementDataFile is empty or too long"));
    if (dataName.startsWith(QLatin1String("LIST")) || dataName.contains(u'%') ||
        dataName.contains(u' '))
        return fileError(path, QStringLiteral("MetaImage with a file list or pattern (%1) is "
                                              "not supported")
                                   .arg(dataName.left(40)));
    const std::uint64_t declared = h.dataBytes();
    if (dataName == QLatin1String("LOCAL")) {
        h.dataFile = path;
        h.dataOffset = header.headerBytes;
    } else {
        auto beside = SafeFile::dataFileBeside(QFileInfo(path).path(), dataName);
        if (!beside)
            return beside.error();
        h.dataFile = beside.value();
        h.dataOffset = headerSize > 0 ? headerSize : 0;
    }
    if (headerSize == -1 && !h.compressed) { // Data is the last `declared` bytes.
        const std::int64_t size = QFileInfo(h.dataFile).size();
        h.dataOffset = std::max<std::int64_t>(
            0, size - std::int64_t(std::min<std::uint64_t>(declared, INT64_MAX)));
    } else if (headerSize > 0 && dataName == QLatin1String("LOCAL")) {
        h.dataOffset = header.headerBytes + headerSize;
    }
    const QString what =
        QStringLiteral("%1 voxels of %2 x %3")
            .arg(QString::number(double(declared) / (h.bytesPerComponent * h.channels), 'g', 12))
            .arg(h.channels)
            .arg(h.elementType);
    auto sized =
        detail::checkDataSize(path, h.dataFile, declared, h.dataOffset, h.compressed, what);
    if (!sized)
        return sized.error();
    if (h.compressed && h.compressedSize > 0 &&
        QFileInfo(h.dataFile).size() - h.dataOffset < h.compressedSize)
        return fileError(h.dataFile, QStringLiteral("CompressedDataSize %1 exceeds the %2 bytes "
                                                    "the file holds")
                                         .arg(h.compressedSize)
                                         .arg(QFileInfo(h.dataFile).size() - h.dataOffset));
    // ITK's MetaIO leaves the buffer blank when inflating fails: check the stream first.
    if (h.compressed)
        if (auto inflates = detail::checkInflates(h.dataFile, h.dataOffset, declared); !inflates)
            return inflates.error();
    return h;
}

} // namespace cardiolens::imaging
