#include "ecg/EcgReader.h"

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
    return fileError(path, QStringLiteral("not a recognised ECG record format"));
}

} // namespace cardiolens::ecg
