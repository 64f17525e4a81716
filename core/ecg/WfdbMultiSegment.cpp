#include "ecg/WfdbMultiSegment.h"

#include "common/SafeFile.h"
#include "ecg/RecordLabels.h"
#include "ecg/WfdbFormats.h"
#include "ecg/WfdbRecordReader.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>

namespace cardiolens::ecg {

namespace {

constexpr int kMaxSegments = 1000000;

struct Segment {
    std::int64_t start = 0; ///< First frame in the whole record.
    std::int64_t frames = 0;
    std::shared_ptr<const SignalSource> source; ///< Null for a gap.
    std::vector<int> leadMap;                   ///< Record lead -> segment lead, -1 if absent.
};

class MultiSegmentSource final : public SignalSource {
public:
    MultiSegmentSource(std::vector<Segment> segments, std::vector<int> spf,
                       std::vector<std::int32_t> invalid, std::int64_t frames)
        : m_segments(std::move(segments)), m_spf(std::move(spf)), m_invalid(std::move(invalid)),
          m_frames(frames) {}

    std::int64_t readRaw(int lead, std::int64_t first, std::int64_t count,
                         std::int32_t* out) const override {
        if (lead < 0 || lead >= leadCount() || first < 0 || count <= 0)
            return 0;
        const std::int64_t spf = m_spf[std::size_t(lead)];
        count = std::min(count, m_frames * spf - first);
        if (count <= 0)
            return 0;
        // First segment that ends after 'first' (segments are sorted by start).
        auto it = std::upper_bound(
            m_segments.begin(), m_segments.end(), first / spf,
            [](std::int64_t f, const Segment& s) { return f < s.start + s.frames; });
        std::int64_t done = 0;
        for (; it != m_segments.end() && done < count; ++it) {
            const std::int64_t segFirst = first + done - it->start * spf;
            const std::int64_t n = std::min(count - done, it->frames * spf - segFirst);
            const int segLead = it->source ? it->leadMap[std::size_t(lead)] : -1;
            if (segLead >= 0)
                it->source->readRaw(segLead, segFirst, n, out + done);
            else
                std::fill(out + done, out + done + n, m_invalid[std::size_t(lead)]);
            done += n;
        }
        return done;
    }
    void releaseFrames(std::int64_t firstFrame, std::int64_t frames) const override {
        firstFrame = std::clamp<std::int64_t>(firstFrame, 0, m_frames);
        frames = std::clamp<std::int64_t>(frames, 0, m_frames - firstFrame);
        for (const Segment& seg : m_segments) {
            const std::int64_t from = std::max(firstFrame, seg.start);
            const std::int64_t to = std::min(firstFrame + frames, seg.start + seg.frames);
            if (seg.source && to > from)
                seg.source->releaseFrames(from - seg.start, to - from);
        }
    }
    std::vector<FrameRange> recordedRanges() const override {
        std::vector<FrameRange> ranges;
        for (const Segment& seg : m_segments) {
            if (!seg.source || seg.frames <= 0)
                continue;
            if (!ranges.empty() && ranges.back().first + ranges.back().count == seg.start)
                ranges.back().count += seg.frames;
            else
                ranges.push_back({seg.start, seg.frames});
        }
        return ranges;
    }
    int leadCount() const override { return int(m_spf.size()); }
    std::int64_t frameCount() const override { return m_frames; }
    int samplesPerFrame(int lead) const override { return m_spf[std::size_t(lead)]; }

private:
    std::vector<Segment> m_segments;
    std::vector<int> m_spf;
    std::vector<std::int32_t> m_invalid;
    std::int64_t m_frames = 0;
};

} // namespace

Result<EcgRecord> WfdbMultiSegment::open(const WfdbHeader& h, const QString& headerPath) {
    const QDir dir = QFileInfo(headerPath).absoluteDir();
    if (h.segmentCount > kMaxSegments)
        return fileError(headerPath,
                         QStringLiteral("implausible segment count %1").arg(h.segmentCount));
    EcgRecord rec = WfdbRecordReader::recordFromHeader(h, headerPath);

    std::vector<Segment> segments;
    bool haveLayout = false;
    std::int64_t frame = 0;
    for (std::size_t i = 0; i < h.segments.size(); ++i) {
        const auto& s = h.segments[i];
        if (s.samples < 0)
            return fileError(headerPath,
                             QStringLiteral("segment %1 has a negative length").arg(s.name));
        if (double(frame) + double(s.samples) > kMaxRecordSpanSeconds * h.samplingFrequency)
            return fileError(
                headerPath,
                QStringLiteral("segments up to %1 span %2 days (gaps included), "
                               "more than the %3 days supported")
                    .arg(s.name)
                    .arg((double(frame) + double(s.samples)) / (h.samplingFrequency * 86400.0), 0,
                         'g', 4)
                    .arg(kMaxRecordSpanSeconds / 86400.0));
        if (s.name == QLatin1String("~")) {
            Segment gap;
            gap.start = frame;
            gap.frames = s.samples;
            frame += s.samples;
            segments.push_back(gap);
            continue;
        }
        auto besideHeader = SafeFile::dataFileBeside(dir.path(), s.name + QStringLiteral(".hea"));
        if (!besideHeader)
            return besideHeader.error();
        const QString segHeader = besideHeader.value();
        auto parsed = WfdbHeaderParser::parseFile(segHeader);
        if (!parsed)
            return parsed.error();
        if (parsed->segmentCount > 0)
            return fileError(segHeader, QStringLiteral("a segment cannot itself have segments"));
        if (i == 0 && s.samples == 0) { // Layout segment: signal names and scales only.
            haveLayout = true;
            for (std::size_t k = 0; k < parsed->signalSpecs.size(); ++k) {
                const auto& spec = parsed->signalSpecs[k];
                Lead l;
                l.name =
                    spec.description.isEmpty() ? QStringLiteral("sig%1").arg(k) : spec.description;
                l.units = spec.units;
                l.gain = spec.adcGain;
                l.baseline = spec.baseline;
                l.adcResolution = spec.adcResolution;
                l.adcZero = spec.adcZero;
                l.samplesPerFrame = spec.samplesPerFrame;
                l.format = QStringLiteral("wfdb-%1").arg(spec.format);
                l.invalidRaw = wfdb::invalidValue(spec.format);
                rec.leads.push_back(l);
            }
            continue;
        }
        auto seg = WfdbRecordReader::open(parsed.value(), segHeader);
        if (!seg)
            return seg.error();
        if (seg->frameCount < s.samples)
            return fileError(segHeader,
                             QStringLiteral("segment holds %1 samples, the master header "
                                            "lists %2")
                                 .arg(seg->frameCount)
                                 .arg(s.samples));
        if (rec.leads.empty() && !haveLayout)
            rec.leads = seg->leads; // Fixed layout: the first segment defines the signals.
        for (const QString& w : seg->warnings)
            rec.warnings << s.name + QStringLiteral(": ") + w;
        Segment segment;
        segment.start = frame;
        segment.frames = s.samples;
        segment.source = seg->source;
        for (std::size_t l = 0; l < rec.leads.size(); ++l) {
            int match = haveLayout ? seg->leadIndex(rec.leads[l].name) : int(l);
            if (match >= seg->leadCount())
                match = -1;
            if (match >= 0 &&
                seg->leads[std::size_t(match)].samplesPerFrame != rec.leads[l].samplesPerFrame)
                return fileError(segHeader,
                                 QStringLiteral("signal %1 changes its samples per frame")
                                     .arg(rec.leads[l].name));
            if (match >= 0 && (seg->leads[std::size_t(match)].gain != rec.leads[l].gain ||
                               seg->leads[std::size_t(match)].baseline != rec.leads[l].baseline))
                rec.warnings << QStringLiteral("%1: signal %2 has its own gain/baseline; raw "
                                               "values are kept as stored")
                                    .arg(s.name, rec.leads[l].name);
            segment.leadMap.push_back(match);
        }
        frame += s.samples;
        segments.push_back(std::move(segment));
    }
    if (h.samplesPerSignal > 0 && h.samplesPerSignal != frame)
        rec.warnings << QStringLiteral("record line gives %1 samples, segments add up to %2")
                            .arg(h.samplesPerSignal)
                            .arg(frame);
    rec.frameCount = frame;
    std::vector<int> spf;
    std::vector<std::int32_t> invalid;
    for (const Lead& l : rec.leads) {
        spf.push_back(l.samplesPerFrame);
        invalid.push_back(l.invalidRaw);
    }
    rec.source = std::make_shared<MultiSegmentSource>(std::move(segments), std::move(spf),
                                                      std::move(invalid), frame);
    rec.labels = RecordLabels::forWfdbRecord(h.recordName, h.comments, headerPath, rec.warnings);
    return rec;
}

} // namespace cardiolens::ecg
