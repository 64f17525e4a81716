// `cardiolens-cli bench qrs-accuracy [--json]`: per-record and gross Se/+P of the QRS
// detector over the annotated records in the shared data (whole records).
#include "cli/bench/Bench.h"

#include "common/DataPaths.h"
#include "ecg/EcgReader.h"
#include "ecg/MitAnnotationIO.h"
#include "ecg/dsp/RecordQrs.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>

#include <cmath>

namespace cardiolens::cli {

namespace {
using namespace cardiolens::ecg;

QJsonObject runQrsAccuracy(const QStringList&) {
    const QString shared = DataPaths::sharedDataDir();
    if (shared.isEmpty())
        return {{QStringLiteral("error"), QStringLiteral("shared data folder not found")}};
    QJsonArray records;
    BeatScore gross;
    double detectSeconds = 0.0, leadSeconds = 0.0;
    for (const QString& rel : qrsBenchmarkRecords()) {
        const QString hea = QDir(shared).filePath(rel + QStringLiteral(".hea"));
        if (!QFileInfo::exists(hea))
            return {{QStringLiteral("error"), hea + QStringLiteral(": missing")}};
        const auto rec = EcgReader::open(hea);
        if (!rec)
            return {{QStringLiteral("error"), rec.error().describe()}};
        const auto qrs = detectRecordQrs(rec.value());
        if (!qrs)
            return {{QStringLiteral("error"), qrs.error().describe()}};
        const auto ref = MitAnnotationIO::read(hea, QStringLiteral("atr"));
        if (!ref)
            return {{QStringLiteral("error"), ref.error().describe()}};
        const BeatScore s = scoreQrs(qrs.value(), ref.value());
        gross += s;
        detectSeconds += qrs->detectSeconds;
        leadSeconds += rec->durationSeconds() * double(qrs->leadsUsed.size());
        QJsonObject r = s.toJson();
        r[QStringLiteral("record")] = rel;
        r[QStringLiteral("reference_beats")] = double(s.truePositives + s.falseNegatives);
        r[QStringLiteral("duration_s")] = std::round(rec->durationSeconds());
        r[QStringLiteral("sampling_rate_hz")] = rec->frameRate;
        r[QStringLiteral("leads_used")] = int(qrs->leadsUsed.size());
        records.append(r);
    }
    QJsonObject out;
    out[QStringLiteral("records")] = records;
    out[QStringLiteral("gross")] = gross.toJson();
    out[QStringLiteral("window_ms")] = 150;
    out[QStringLiteral("realtime_x_per_lead")] = std::round(leadSeconds / detectSeconds);
    return out;
}

const bool registered = registerBench(
    {QStringLiteral("qrs-accuracy"),
     QStringLiteral("QRS Se/+P per record and gross: MIT-BIH 100, 208, SVDB 800, CPSC 2021 "
                    "subjects 8, 21, 92 (whole records)"),
     runQrsAccuracy});
} // namespace

} // namespace cardiolens::cli
