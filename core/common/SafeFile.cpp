#include "common/SafeFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <sys/stat.h>

namespace cardiolens::SafeFile {

Result<bool> requireRegular(const QString& path) {
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return fileError(
            path,
            QStringLiteral("cannot open: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
    if (S_ISREG(st.st_mode))
        return true;
    const QString kind = S_ISDIR(st.st_mode)    ? QStringLiteral("a folder")
                         : S_ISFIFO(st.st_mode) ? QStringLiteral("a FIFO (named pipe)")
                         : S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)
                             ? QStringLiteral("a device")
                             : QStringLiteral("not a regular file");
    return fileError(path, QStringLiteral("is %1, not a regular file; refused").arg(kind));
}

Result<QByteArray> readAll(const QString& path, qint64 maxBytes, const QString& what) {
    if (auto regular = requireRegular(path); !regular)
        return regular.error();
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return fileError(path, QStringLiteral("cannot open: %1").arg(f.errorString()));
    const auto tooLarge = [&](qint64 bytes) {
        return fileError(path, QStringLiteral("%1 bytes is far too large for a %2 (limit %3)")
                                   .arg(bytes)
                                   .arg(what)
                                   .arg(maxBytes));
    };
    if (f.size() > maxBytes)
        return tooLarge(f.size());
    // size() can lie (procfs says 0, the file may grow): read in chunks up to the bound.
    QByteArray bytes;
    bytes.reserve(qsizetype(f.size()));
    constexpr qint64 kChunk = 1 << 20;
    while (true) {
        const QByteArray chunk = f.read(std::min(kChunk, maxBytes + 1 - bytes.size()));
        if (chunk.isEmpty())
            break;
        bytes += chunk;
        if (bytes.size() > maxBytes)
            return tooLarge(bytes.size());
    }
    return bytes;
}

Result<QString> dataFileBeside(const QString& headerDir, const QString& name) {
    const QDir dir(headerDir.isEmpty() ? QStringLiteral(".") : headerDir);
    const QString clean = QDir::cleanPath(name);
    const bool foreign = QDir::isAbsolutePath(name) || clean == QLatin1String("..") ||
                         clean.startsWith(QLatin1String("../"));
    if (foreign && qEnvironmentVariableIntValue("CARDIOLENS_ALLOW_FOREIGN_DATA_FILES") != 1)
        return fileError(name, QStringLiteral("the header in %1 names a data file outside its "
                                              "folder (absolute path or ../); refused (set "
                                              "CARDIOLENS_ALLOW_FOREIGN_DATA_FILES=1 to allow it)")
                                   .arg(QDir::toNativeSeparators(dir.absolutePath())));
    return QDir::cleanPath(dir.filePath(name));
}

} // namespace cardiolens::SafeFile
