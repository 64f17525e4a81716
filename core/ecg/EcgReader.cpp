#include "ecg/EcgReader.h"

#include "common/SafeFile.h"

#include "ecg/CsvReader.h"
#include "ecg/DicomEcgReader.h"
#include "ecg/EdfReader.h"
#include "ecg/WfdbRecordReader.h"

#include <QFile>
#include <QFileInfo>

namespace cardiolens::ecg {

namespace {
bool looksLikeDicom(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly) || f.size() < 132)
        return false;
    f.seek(128);
    return f.read(4) == "DICM";
}
} // namespace

Result<EcgRecord> EcgReader::open(const QString& path) {
    if (!WfdbRecordReader::headerPathFor(path).isEmpty())
        return WfdbRecordReader::open(path);
    if (!QFileInfo::exists(path))
        return fileError(path, QStringLiteral("no such file or record"));
    if (auto regular = SafeFile::requireRegular(path); !regular) // Before any open().
        return regular.error();
    if (looksLikeDicom(path) ||
        QFileInfo(path).suffix().compare(QLatin1String("dcm"), Qt::CaseInsensitive) == 0)
        return DicomEcgReader::open(path);
    if (EdfReader::looksLikeEdf(path))
        return EdfReader::open(path);
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("csv") || suffix == QLatin1String("tsv") ||
        suffix == QLatin1String("txt"))
        return CsvReader::open(path);
    return fileError(path, QStringLiteral("not a recognised ECG record format"));
}

} // namespace cardiolens::ecg
