#include "ecg/EcgReader.h"

#include "ecg/WfdbRecordReader.h"

#include <QFileInfo>

namespace cardiolens::ecg {

Result<EcgRecord> EcgReader::open(const QString& path) {
    if (!WfdbRecordReader::headerPathFor(path).isEmpty())
        return WfdbRecordReader::open(path);
    if (!QFileInfo::exists(path))
        return fileError(path, QStringLiteral("no such file or record"));
    return fileError(path, QStringLiteral("not a recognised ECG record format"));
}

} // namespace cardiolens::ecg
