#include "labels/ContentFingerprint.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace cardiolens::labels {

namespace {
constexpr qint64 kEdgeBytes = qint64(1) << 20;

// Adds size + first MB + last MB of one file to \a hash.
Result<qint64> addFile(QCryptographicHash& hash, const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fileError(path, QStringLiteral("cannot read: ") + file.errorString());
    const qint64 size = file.size();
    hash.addData(QByteArray::number(size) + '\n');
    hash.addData(file.read(std::min(size, kEdgeBytes)));
    if (size > kEdgeBytes) {
        const qint64 tail = std::min(size - kEdgeBytes, kEdgeBytes);
        if (!file.seek(size - tail))
            return fileError(path, QStringLiteral("cannot seek: ") + file.errorString());
        hash.addData(file.read(tail));
    }
    return size;
}
} // namespace

Result<ContentFingerprint> ContentFingerprint::of(const QString& path) {
    const QFileInfo info(path);
    if (!info.exists())
        return fileError(path, QStringLiteral("no such file or folder"));
    QCryptographicHash hash(QCryptographicHash::Sha256);
    ContentFingerprint out;
    if (info.isDir()) {
        QStringList files;
        QDirIterator it(path, QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
        const QDir root(path);
        while (it.hasNext())
            files << root.relativeFilePath(it.next());
        std::sort(files.begin(), files.end());
        if (files.isEmpty())
            return fileError(path, QStringLiteral("empty folder: nothing to fingerprint"));
        for (const QString& name : files) {
            hash.addData(name.toUtf8() + '\n');
            auto size = addFile(hash, root.filePath(name));
            if (!size)
                return size.error();
            out.bytes += *size;
        }
    } else {
        auto size = addFile(hash, path);
        if (!size)
            return size.error();
        out.bytes = *size;
    }
    out.sha256 = QString::fromLatin1(hash.result().toHex());
    return out;
}

} // namespace cardiolens::labels
