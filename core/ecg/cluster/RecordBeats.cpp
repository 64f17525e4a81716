#include "ecg/cluster/RecordBeats.h"

#include "ecg/MitAnnotationIO.h"
#include "ecg/dsp/RecordQrs.h"

namespace cardiolens::ecg {

Result<std::vector<std::int64_t>> recordBeats(const EcgRecord& record, const QString& source) {
    if (source == QLatin1String("detector")) {
        auto qrs = detectRecordQrs(record);
        if (!qrs)
            return qrs.error();
        return QrsDetector::positions(qrs->beats);
    }
    auto set = MitAnnotationIO::read(record.sourcePath, source);
    if (!set)
        return set.error();
    std::vector<std::int64_t> beats = referenceBeats(set.value());
    if (beats.empty())
        return fileError(set->path, QStringLiteral("holds no beat annotations"));
    return beats;
}

} // namespace cardiolens::ecg
