#include "imaging/TextHeaderCheck_p.h"

#include "common/SafeFile.h"
#include "imaging/CineVolume.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cmath>

#include <zlib.h>

namespace cardiolens::imaging::detail {

namespace {
constexpr std::uint64_t kMaxDeflateRatio = 1032;
}

Result<std::vector<HeaderLine>> readHeaderLines(const QString& path) {
    if (auto regular = SafeFile::requireRegular(path); !regular)
        return regular.error();
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
    if (!fi.exists())
        return fileError(headerPath,
                         QStringLiteral("the data file it names, %1, is missing").arg(dataFile));
    if (auto regular = SafeFile::requireRegular(dataFile); !regular)
        return regular.error();
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
    // Honest sizes, but more than the memory budget holds: refused before reading.
    return CineVolume::checkBudget((long double)declaredBytes, dataFile, what);
}

Result<bool> checkInflates(const QString& dataFile, std::int64_t offset,
                           std::uint64_t declaredBytes) {
    QFile f(dataFile);
    if (!f.open(QIODevice::ReadOnly) || !f.seek(std::max<std::int64_t>(0, offset)))
        return fileError(dataFile, QStringLiteral("cannot read the compressed data"));
    z_stream z{};
    if (inflateInit2(&z, 15 + 32) != Z_OK) // 15 + 32: zlib or gzip, detected from the header.
        return fileError(dataFile, QStringLiteral("cannot start decompressing"));
    std::vector<unsigned char> in(1 << 16), out(1 << 16);
    std::uint64_t produced = 0;
    int rc = Z_OK;
    while (produced < declaredBytes && rc == Z_OK) {
        if (z.avail_in == 0) {
            const qint64 got = f.read(reinterpret_cast<char*>(in.data()), qint64(in.size()));
            if (got <= 0)
                break;
            z.next_in = in.data();
            z.avail_in = uInt(got);
        }
        z.next_out = out.data();
        z.avail_out = uInt(out.size());
        rc = inflate(&z, Z_NO_FLUSH);
        produced += out.size() - z.avail_out;
    }
    const char* zlibMessage = z.msg;
    inflateEnd(&z);
    if (produced >= declaredBytes)
        return true;
    if (rc != Z_OK && rc != Z_STREAM_END)
        return fileError(dataFile,
                         QStringLiteral("compressed data is not a valid zlib stream "
                                        "(%1) after %2 of %3 bytes; refused")
                             .arg(QString::fromLatin1(zlibMessage ? zlibMessage : "corrupt data"))
                             .arg(produced)
                             .arg(declaredBytes));
    return fileError(dataFile, QStringLiteral("compressed data ends after %1 of the %2 bytes the "
                                              "header declares (truncated); refused")
                                   .arg(produced)
                                   .arg(declaredBytes));
}

} // namespace cardiolens::imaging::detail
