#include "ecg/dsp/RecordQrs.h"

#include "ecg/dsp/LeadSamples.h"

#include <QElapsedTimer>

#include <algorithm>
#include <cmath>

namespace cardiolens::ecg {

Result<RecordQrs> detectRecordQrs(const EcgRecord& record, int lead, QrsDetectorSettings settings) {
    RecordQrs out;
    out.fs = record.frameRate;
    if (record.frameRate < 50.0 || record.frameRate > 10000.0)
        return fileError(record.sourcePath,
                         QStringLiteral("sampling rate %1 Hz is outside what QRS detection "
                                        "supports")
                             .arg(record.frameRate));
    if (lead >= record.leadCount())
        return fileError(
            record.sourcePath,
            QStringLiteral("no lead %1 (the record has %2)").arg(lead).arg(record.leadCount()));
    const std::vector<LeadChoice> chosen = ecgLeadsAtFrameRate(record, lead);
    for (const LeadChoice& c : chosen)
        out.leadsUsed.push_back(c.lead);
    if (out.leadsUsed.empty())
        return fileError(record.sourcePath,
                         QStringLiteral("no lead at the frame rate to detect QRS complexes in"));

    const QrsDetector detector(out.fs, settings);
    const auto chunk = std::int64_t(3600.0 * out.fs);
    const auto overlap = std::int64_t(20.0 * out.fs);
    double seconds = 0.0;
    // Only the recorded stretches: gaps (null segments, EDF+D holes) hold no beats, and a
    // header may declare years of them.
    const std::vector<FrameRange> ranges = record.source
                                               ? record.source->recordedRanges()
                                               : std::vector<FrameRange>{{0, record.frameCount}};
    for (const FrameRange& range : ranges) {
        const std::int64_t begin = std::max<std::int64_t>(0, range.first);
        const std::int64_t end = std::min(record.frameCount, range.first + range.count);
        for (std::int64_t start = begin; start < end; start += chunk) {
            // Read [start - overlap, start + chunk + overlap) within the range; keep beats
            // in [start, start + chunk).
            const std::int64_t readFirst = std::max(begin, start - overlap);
            const std::int64_t readLast = std::min(end, start + chunk + overlap);
            std::vector<std::vector<float>> leads;
            for (const LeadChoice& c : chosen)
                leads.push_back(heldLeadMillivolts(record, c, readFirst, readLast - readFirst));
            std::vector<std::span<const float>> spans(leads.begin(), leads.end());
            QElapsedTimer timer;
            timer.start();
            const std::vector<QrsBeat> beats = detector.detect(spans);
            seconds += double(timer.nsecsElapsed()) * 1e-9;
            for (QrsBeat b : beats) {
                b.sample += readFirst;
                if (b.sample >= start && b.sample < start + chunk &&
                    (out.beats.empty() ||
                     b.sample - out.beats.back().sample > std::int64_t(0.2 * out.fs)))
                    out.beats.push_back(b);
            }
        }
    }
    out.detectSeconds = seconds;
    return out;
}

std::vector<std::int64_t> referenceBeats(const AnnotationSet& annotations) {
    std::vector<std::int64_t> beats;
    for (const Annotation& a : annotations.items)
        if (isBeatCode(a.code))
            beats.push_back(a.sample);
    std::sort(beats.begin(), beats.end());
    return beats;
}

BeatScore scoreQrs(const RecordQrs& detected, const AnnotationSet& reference) {
    const std::vector<std::int64_t> ref = referenceBeats(reference);
    const std::vector<std::int64_t> det = QrsDetector::positions(detected.beats);
    return matchBeats(ref, det, std::llround(0.15 * detected.fs));
}

QStringList qrsBenchmarkRecords() {
    return {QStringLiteral("ecg/mitdb/100"),
            QStringLiteral("ecg/mitdb/208"),
            QStringLiteral("ecg/svdb/800"),
            QStringLiteral("ecg/cpsc2021/data_8_2"),
            QStringLiteral("ecg/cpsc2021/data_8_3"),
            QStringLiteral("ecg/cpsc2021/data_8_4"),
            QStringLiteral("ecg/cpsc2021/data_21_7"),
            QStringLiteral("ecg/cpsc2021/data_21_8"),
            QStringLiteral("ecg/cpsc2021/data_21_9"),
            QStringLiteral("ecg/cpsc2021/data_92_4"),
            QStringLiteral("ecg/cpsc2021/data_92_12"),
            QStringLiteral("ecg/cpsc2021/data_92_19")};
}

QStringList mitBihDs1Records() {
    QStringList out;
    for (const char* id :
         {"101", "106", "108", "109", "112", "114", "115", "116", "118", "119", "122",
          "124", "201", "203", "205", "207", "208", "209", "215", "220", "223", "230"})
        out << QStringLiteral("ecg/mitdb/") + QLatin1String(id);
    return out;
}

} // namespace cardiolens::ecg
