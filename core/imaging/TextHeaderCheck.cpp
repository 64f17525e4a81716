#include "imaging/TextHeaderCheck_p.h"

#include <QFile>
#include <QFileInfo>

#include <cmath>

namespace cardiolens::imaging::detail {

namespace {
constexpr std::uint64_t kMaxDeflateRatio = 1032;
}

Result<std::vector<HeaderLine>> readHeaderLines(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return fileError(path, QStringLiteral("cannot open file"));
    const QByteArray window = f.read(64 * 1024);
    std::vector<HeaderLine> lines;
    qsizetype start = 0;
    while (start < window.size()) {
        qsizetype end = window.indexOf('\n', start);
        const qsizetype nul = window.indexOf('\0', start);
        if (nul >= 0 && (end < 0 || nul < end))
            break; // Binary data follows the header.
        if (end < 0)
            end = window.size();
        if (end - start > 4096)
            return fileError(path, QStringLiteral("header line of %1 bytes at offset %2 is not a "
                                                  "valid header line")
                                       .arg(end - start)
                                       .arg(start));
        QByteArray line = window.mid(start, end - start);
        if (line.endsWith('\r'))
            line.chop(1);
        lines.push_back(
            {QString::fromLatin1(line), std::int64_t(std::min(end + 1, window.size()))});
        start = end + 1;
    }
    return lines;
}

QString TextHeader::value(const QString& key, Qt::CaseSensitivity cs) const {
    for (const auto& [k, v] : fields)
        if (k.compare(key, cs) == 0)
            return v.isNull() ? QStringLiteral("") : v;
    return {};
}

std::vector<double> parseNumbers(const QString& text) {
    std::vector<double> out;
    for (const QString& token : text.simplified().split(u' ', Qt::SkipEmptyParts)) {
        bool ok = false;
        const double v = token.toDouble(&ok);
        if (!ok || !std::isfinite(v))
            return {};
        out.push_back(v);
    }
    return out;
}

std::uint64_t checkedBytes(const std::vector<std::int64_t>& sizes, std::uint64_t bytesPerVoxel) {
    long double total = (long double)bytesPerVoxel;
    for (std::int64_t s : sizes)
        total *= (long double)s;
    return total >= 1.8e19L ? UINT64_MAX : std::uint64_t(total);
}

Result<bool> checkDataSize(const QString& headerPath, const QString& dataFile,
                           std::uint64_t declaredBytes, std::int64_t offset, bool compressed,
                           const QString& what) {
    const QFileInfo fi(dataFile);
    if (!fi.isFile())
        return fileError(headerPath,
                         QStringLiteral("the data file it names, %1, is missing").arg(dataFile));
    const auto onDisk = std::uint64_t(fi.size());
    const std::uint64_t start = offset > 0 ? std::uint64_t(offset) : 0;
    const std::uint64_t available = onDisk > start ? onDisk - start : 0;
    if (!compressed && declaredBytes > available)
        return fileError(dataFile, QStringLiteral("header declares %1 (%2 bytes) but the file "
                                                  "holds only %3 bytes of data (truncated file or "
                                                  "a lying header); refused before reading")
                                       .arg(what)
                                       .arg(declaredBytes)
                                       .arg(available));
    if (compressed && declaredBytes / kMaxDeflateRatio > available)
        return fileError(dataFile, QStringLiteral("header declares %1 (%2 bytes), which %3 "
                                                  "compressed bytes cannot hold; refused before "
                                                  "decompressing")
                                       .arg(what)
                                       .arg(declaredBytes)
                                       .arg(available));
    return true;
}

} // namespace cardiolens::imaging::detail
