#include "imaging/TextTables.h"

#include <QFile>
#include <QFileInfo>

namespace cardiolens::imaging::TextTables {

namespace {
constexpr qint64 kMaxKeyValueBytes = 1 << 20;      // Info.cfg files are a few hundred bytes
constexpr qint64 kMaxCsvBytes = qint64(512) << 20; // VolumeTracings.csv is ~25 MB
} // namespace

Result<QMap<QString, QString>> readKeyValues(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return fileError(path, QStringLiteral("cannot open: %1").arg(file.errorString()));
    if (file.size() > kMaxKeyValueBytes)
        return fileError(
            path, QStringLiteral("too large for a key/value file (%1 bytes)").arg(file.size()));
    QMap<QString, QString> values;
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray& raw : lines) {
        const QString line = QString::fromUtf8(raw).trimmed();
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')) || colon <= 0)
            continue;
        values.insert(line.left(colon).trimmed(), line.mid(colon + 1).trimmed());
    }
    if (values.isEmpty())
        return fileError(path, QStringLiteral("no 'Key: value' lines"));
    return values;
}

QStringList splitCsvLine(const QString& line) {
    QStringList fields;
    QString current;
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < line.size() && line[i + 1] == QLatin1Char('"')) {
                current += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                current += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            fields << current.trimmed();
            current.clear();
        } else {
            current += c;
        }
    }
    fields << current.trimmed();
    return fields;
}

Result<QStringList> readCsv(const QString& path,
                            const std::function<bool(const QStringList& fields)>& onRow) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return fileError(path, QStringLiteral("cannot open: %1").arg(file.errorString()));
    if (file.size() > kMaxCsvBytes)
        return fileError(path,
                         QStringLiteral("too large for a CSV table (%1 bytes)").arg(file.size()));
    QStringList header;
    while (!file.atEnd()) {
        QString line = QString::fromUtf8(file.readLine());
        if (header.isEmpty() && line.startsWith(QChar(0xFEFF)))
            line.remove(0, 1); // UTF-8 byte-order mark
        line = line.trimmed();
        if (line.isEmpty())
            continue;
        QStringList fields = splitCsvLine(line);
        if (header.isEmpty()) {
            header = fields;
            continue;
        }
        if (!onRow(fields))
            break;
    }
    if (header.isEmpty())
        return fileError(path, QStringLiteral("empty CSV table"));
    return header;
}

} // namespace cardiolens::imaging::TextTables
