#include "ecg/EcgReader.h"

#include "ecg/CsvReader.h"
#include "ecg/EdfReader.h"
#include "ecg/WfdbRecordReader.h"

#include <QFileInfo>

namespace cardiolens::ecg {

Result<EcgRecord> EcgReader::open(const QString& path) {
    if (!WfdbRecordReader::headerPathFor(path).isEmpty())
        return WfdbRecordReader::open(path);
    if (!QFileInfo::exists(path))
        return fileError(path, QStringLiteral("no such file or record"));
    if (EdfReader::looksLikeEdf(path))
        return EdfReader::open(path);
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("csv") || suffix == QLatin1String("tsv") ||
        suffix == QLatin1String("txt"))
        return CsvReader::open(path);
    return fileError(path, QStringLiteral("not a recognised ECG record format"));
}

} // namespace cardiolens::ecg
