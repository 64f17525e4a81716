#include "ecg/dsp/RecordQrs.h"

#include <QElapsedTimer>

#include <algorithm>
#include <cmath>

namespace cardiolens::ecg {

namespace {
// Physical samples of one lead with gaps (NaN) held at the last valid value, so the IIR
// filters never see a NaN.
std::vector<float> cleanLead(const EcgRecord& record, int lead, std::int64_t first,
                             std::int64_t count, float toMillivolt) {
    std::vector<float> x = record.physical(lead, first, count);
    float last = 0.0f;
    for (float& v : x) {
        if (std::isfinite(v))
            last = v * toMillivolt;
        v = last;
    }
    return x;
}

// Factor from a lead's units to millivolts; 0 for units that are not a voltage (PLETH
// "NU", ABP "mmHg", RESP), which must not be fused with the ECG leads.
float millivoltFactor(const QString& units) {
    const QString u = units.trimmed().toLower();
    if (u == QLatin1String("mv") || u.isEmpty())
        return 1.0f;
    if (u == QLatin1String("uv") || u == QStringLiteral("\u00b5v") || u == QStringLiteral("μv"))
        return 1e-3f;
    if (u == QLatin1String("v"))
        return 1e3f;
    if (u == QLatin1String("nv"))
        return 1e-6f;
    return 0.0f;
}
} // namespace

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
    // ECG leads (voltage units) at the frame rate; any lead at all when none is a voltage
    // (e.g. a CSV without units), or just the lead asked for.
    std::vector<float> scale;
    for (int pass = 0; pass < 2 && out.leadsUsed.empty(); ++pass)
        for (int l = 0; l < record.leadCount(); ++l) {
            const Lead& info = record.leads[std::size_t(l)];
            const float factor = millivoltFactor(info.units);
            if ((lead < 0 || l == lead) && info.samplesPerFrame == 1 &&
                (factor > 0.0f || pass == 1 || lead >= 0)) {
                out.leadsUsed.push_back(l);
                scale.push_back(factor > 0.0f ? factor : 1.0f);
            }
        }
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
            for (std::size_t i = 0; i < out.leadsUsed.size(); ++i)
                leads.push_back(
                    cleanLead(record, out.leadsUsed[i], readFirst, readLast - readFirst, scale[i]));
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

} // namespace cardiolens::ecg
