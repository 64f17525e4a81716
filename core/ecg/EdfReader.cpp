#include "ecg/EdfReader.h"

#include "ecg/MappedFile.h"
#include "ecg/WfdbFormats.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace cardiolens::ecg {

namespace {

constexpr int kMaxSignals = 4096;
const QByteArray kAnnotationLabel = QByteArrayLiteral("EDF Annotations");
const QByteArray kBdfAnnotationLabel = QByteArrayLiteral("BDF Annotations");

struct EdfSignal {
    QString label, transducer, units, prefiltering;
    double physMin = 0, physMax = 0;
    double digMin = 0, digMax = 0;
    std::int64_t samplesPerRecord = 0;
    std::int64_t offsetInRecord = 0; ///< Bytes from the data record's start.
    bool annotations = false;
};

// Reads the data records of an EDF/BDF file from the mapping. recordStart (frames) places
// each data record in time; records are sorted and contiguous except in EDF+D files.
class EdfSignalSource final : public SignalSource {
public:
    EdfSignalSource(std::shared_ptr<const MappedFile> file, std::int64_t dataStart,
                    std::int64_t recordBytes, int sampleBytes, std::int64_t framesPerRecord,
                    std::vector<EdfSignal> leads, std::int64_t records,
                    std::vector<std::int64_t> recordStart, std::int64_t frames)
        : m_file(std::move(file)), m_dataStart(dataStart), m_recordBytes(recordBytes),
          m_sampleBytes(sampleBytes), m_framesPerRecord(framesPerRecord), m_leads(std::move(leads)),
          m_records(records), m_recordStart(std::move(recordStart)), m_frames(frames) {}

    std::int64_t readRaw(int lead, std::int64_t first, std::int64_t count,
                         std::int32_t* out) const override {
        if (lead < 0 || lead >= leadCount() || first < 0 || count <= 0)
            return 0;
        const EdfSignal& s = m_leads[std::size_t(lead)];
        const std::int64_t spf = s.samplesPerRecord / m_framesPerRecord;
        count = std::min(count, m_frames * spf - first);
        if (count <= 0)
            return 0;
        const int format = m_sampleBytes == 3 ? 24 : 16;
        const bool contiguous = m_recordStart.empty();
        auto startOf = [&](std::int64_t r) {
            return contiguous ? r * m_framesPerRecord : m_recordStart[std::size_t(r)];
        };
        // The first data record that ends after the first wanted frame.
        const std::int64_t frame = first / spf;
        std::int64_t record =
            contiguous ? frame / m_framesPerRecord
                       : std::upper_bound(m_recordStart.begin(), m_recordStart.end(), frame,
                                          [&](std::int64_t f, std::int64_t start) {
                                              return f < start + m_framesPerRecord;
                                          }) -
                             m_recordStart.begin();
        std::int64_t done = 0;
        while (done < count) {
            const std::int64_t at = first + done;                    // Sample index of this lead.
            if (record >= m_records || at < startOf(record) * spf) { // In a gap.
                const std::int64_t gapEnd =
                    record >= m_records ? count : std::min(count, startOf(record) * spf - first);
                std::fill(out + done, out + gapEnd, kInvalidSample);
                done = gapEnd;
                continue;
            }
            const std::int64_t k = at - startOf(record) * spf; // Index inside the data record.
            const std::int64_t n = std::min(count - done, s.samplesPerRecord - k);
            const unsigned char* p =
                m_file->data() + m_dataStart + record * m_recordBytes + s.offsetInRecord;
            wfdb::decodeFlat(format, p, k, n, out + done);
            done += n;
            ++record;
        }
        return done;
    }
    void releaseFrames(std::int64_t firstFrame, std::int64_t frames) const override {
        firstFrame = std::clamp<std::int64_t>(firstFrame, 0, m_frames);
        frames = std::clamp<std::int64_t>(frames, 0, m_frames - firstFrame);
        if (!m_recordStart.empty() || frames <= 0)
            return; // Discontinuous files: the hint is skipped.
        const std::int64_t first = firstFrame / m_framesPerRecord;
        const std::int64_t last = (firstFrame + frames) / m_framesPerRecord; // Exclusive.
        m_file->release(m_dataStart + first * m_recordBytes, (last - first) * m_recordBytes);
    }
    std::vector<FrameRange> recordedRanges() const override {
        if (m_recordStart.empty())
            return {{0, m_frames}};
        std::vector<FrameRange> ranges;
        for (std::int64_t start : m_recordStart) {
            if (!ranges.empty() && ranges.back().first + ranges.back().count == start)
                ranges.back().count += m_framesPerRecord;
            else
                ranges.push_back({start, m_framesPerRecord});
        }
        return ranges;
    }
    int leadCount() const override { return int(m_leads.size()); }
    std::int64_t frameCount() const override { return m_frames; }
    int samplesPerFrame(int lead) const override {
        return int(m_leads[std::size_t(lead)].samplesPerRecord / m_framesPerRecord);
    }

private:
    std::shared_ptr<const MappedFile> m_file;
    std::int64_t m_dataStart, m_recordBytes;
    int m_sampleBytes;
    std::int64_t m_framesPerRecord;
    std::vector<EdfSignal> m_leads;
    std::int64_t m_records;
    std::vector<std::int64_t> m_recordStart; ///< Frames; empty when records are contiguous.
    std::int64_t m_frames;
};

QString field(const unsigned char* p, int length) {
    return QString::fromLatin1(reinterpret_cast<const char*>(p), length).trimmed();
}

bool toNumber(const QString& s, double& out) {
    bool ok = false;
    out = s.toDouble(&ok);
    return ok && std::isfinite(out);
}

// One data record's annotation bytes: TALs "+onset[\x15duration]\x14text\x14...\x14\0".
// Returns the time-keeping onset (the first TAL with no text), NaN if absent.
double parseTals(const QByteArray& bytes, std::vector<Annotation>& out, double frameRate) {
    double keeping = std::nan("");
    bool first = true;
    for (const QByteArray& tal : bytes.split('\0')) {
        if (tal.isEmpty())
            continue;
        const QList<QByteArray> parts = tal.split('\x14');
        const QList<QByteArray> time = parts.front().split('\x15');
        bool ok = false;
        const double onset = time.front().toDouble(&ok);
        if (!ok)
            continue;
        const double duration = time.size() > 1 ? time[1].toDouble() : 0.0;
        bool anyText = false;
        for (qsizetype i = 1; i < parts.size(); ++i) {
            if (parts[i].isEmpty())
                continue;
            anyText = true;
            Annotation a;
            a.sample = std::int64_t(std::llround(onset * frameRate));
            a.code = AnnotationCodes::Note;
            a.aux = parts[i];
            a.duration = duration;
            out.push_back(a);
        }
        if (first && !anyText)
            keeping = onset;
        first = false;
    }
    return keeping;
}

std::optional<QDateTime> parseStart(const QString& date, const QString& time,
                                    QStringList& warnings) {
    // dd.mm.yy; EDF's clipping date rule: yy 85-99 -> 19yy, else 20yy.
    const QStringList d = date.split(QLatin1Char('.'));
    const QTime t = QTime::fromString(time, QStringLiteral("hh.mm.ss"));
    if (d.size() != 3 || !t.isValid()) {
        warnings << QStringLiteral("unreadable start date/time '%1 %2'").arg(date, time);
        return std::nullopt;
    }
    const int yy = d[2].toInt();
    const QDate day(yy >= 85 ? 1900 + yy : 2000 + yy, d[1].toInt(), d[0].toInt());
    if (!day.isValid()) {
        warnings << QStringLiteral("unreadable start date '%1'").arg(date);
        return std::nullopt;
    }
    return QDateTime(day, t);
}

} // namespace

bool EdfReader::looksLikeEdf(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const QByteArray head = f.read(8);
    return head == "0       " || head == QByteArray("\xff"
                                                    "BIOSEMI",
                                                    8);
}

Result<EcgRecord> EdfReader::open(const QString& path) {
    auto mapped = MappedFile::open(path);
    if (!mapped)
        return mapped.error();
    const auto file = mapped.value();
    const unsigned char* h = file->data();
    const std::int64_t size = file->size();
    const auto bad = [&](const QString& what) {
        return fileError(path, what);
    };
    if (size < 256)
        return bad(QStringLiteral("%1 bytes is too short for an EDF header (256)").arg(size));
    const bool bdf = h[0] == 0xff;
    if (!bdf && field(h, 8) != QLatin1String("0"))
        return bad(QStringLiteral("not an EDF file (version field '%1')").arg(field(h, 8)));
    const int sampleBytes = bdf ? 3 : 2;

    EcgRecord rec;
    rec.sourcePath = path;
    rec.name = QFileInfo(path).completeBaseName();
    const QString reserved = field(h + 192, 44);
    const bool edfPlus =
        reserved.startsWith(QLatin1String("EDF+")) || reserved.startsWith(QLatin1String("BDF+"));
    const bool discontinuous = edfPlus && reserved.mid(3).startsWith(QLatin1String("+D"));
    rec.formatName = bdf       ? QStringLiteral("BDF")
                     : edfPlus ? reserved.left(5)
                               : QStringLiteral("EDF");
    rec.comments << QStringLiteral("patient: %1").arg(field(h + 8, 80))
                 << QStringLiteral("recording: %1").arg(field(h + 88, 80));
    rec.start = parseStart(field(h + 168, 8), field(h + 176, 8), rec.warnings);

    double headerBytes = 0, records = 0, recordSeconds = 0, signals = 0;
    if (!toNumber(field(h + 184, 8), headerBytes) || !toNumber(field(h + 236, 8), records) ||
        !toNumber(field(h + 244, 8), recordSeconds) || !toNumber(field(h + 252, 4), signals))
        return bad(QStringLiteral("unreadable number in the EDF header"));
    if (signals < 1 || signals > kMaxSignals || signals != std::floor(signals))
        return bad(QStringLiteral("implausible signal count %1").arg(signals));
    const int ns = int(signals);
    if (headerBytes != 256.0 * (ns + 1))
        return bad(
            QStringLiteral("header size %1 does not match %2 signals").arg(headerBytes).arg(ns));
    if (size < std::int64_t(headerBytes))
        return bad(QStringLiteral("file ends inside the header (%1 of %2 bytes)")
                       .arg(size)
                       .arg(headerBytes));
    if (!(recordSeconds > 0))
        return bad(QStringLiteral("data record duration %1 s is not positive").arg(recordSeconds));

    // Signal fields are stored field by field: all labels, then all transducers, ...
    std::vector<EdfSignal> sig(static_cast<std::size_t>(ns));
    const unsigned char* p = h + 256;
    auto each = [&](int width, auto&& set) {
        for (int i = 0; i < ns; ++i)
            set(sig[std::size_t(i)], field(p + i * width, width));
        p += ns * width;
    };
    bool numbersOk = true;
    each(16, [](EdfSignal& s, const QString& v) { s.label = v; });
    each(80, [](EdfSignal& s, const QString& v) { s.transducer = v; });
    each(8, [](EdfSignal& s, const QString& v) { s.units = v; });
    each(8, [&](EdfSignal& s, const QString& v) { numbersOk &= toNumber(v, s.physMin); });
    each(8, [&](EdfSignal& s, const QString& v) { numbersOk &= toNumber(v, s.physMax); });
    each(8, [&](EdfSignal& s, const QString& v) { numbersOk &= toNumber(v, s.digMin); });
    each(8, [&](EdfSignal& s, const QString& v) { numbersOk &= toNumber(v, s.digMax); });
    each(80, [](EdfSignal& s, const QString& v) { s.prefiltering = v; });
    each(8, [&](EdfSignal& s, const QString& v) {
        double n = 0;
        numbersOk &= toNumber(v, n) && n >= 1 && n <= 1e8 && n == std::floor(n);
        s.samplesPerRecord = std::int64_t(n);
    });
    if (!numbersOk)
        return bad(QStringLiteral("unreadable or implausible signal field in the EDF header"));

    std::int64_t recordBytes = 0;
    std::vector<EdfSignal> leads, annotationSignals;
    for (auto& s : sig) {
        s.offsetInRecord = recordBytes;
        recordBytes += s.samplesPerRecord * sampleBytes;
        s.annotations = edfPlus && (s.label.toLatin1() == kAnnotationLabel ||
                                    s.label.toLatin1() == kBdfAnnotationLabel);
        if (s.annotations) {
            annotationSignals.push_back(s);
            continue;
        }
        if (s.digMax <= s.digMin || s.physMax == s.physMin)
            return bad(
                QStringLiteral("signal '%1': digital or physical range is empty").arg(s.label));
        leads.push_back(s);
    }
    if (leads.empty())
        return bad(QStringLiteral("no signals besides annotations"));

    // The record count must fit the file; -1 (unknown, allowed while recording) is derived.
    const std::int64_t dataBytes = size - std::int64_t(headerBytes);
    const std::int64_t recordsInFile = dataBytes / recordBytes;
    if (records < 0) {
        rec.warnings << QStringLiteral("record count -1 (unknown): %1 data records found")
                            .arg(recordsInFile);
        records = double(recordsInFile);
    } else if (records > double(recordsInFile)) {
        return bad(
            QStringLiteral("header says %1 data records (%2 bytes) but the file holds only %3")
                .arg(records)
                .arg(records * double(recordBytes))
                .arg(recordsInFile));
    } else if (records < double(recordsInFile) || dataBytes % recordBytes != 0) {
        rec.warnings << QStringLiteral("%1 bytes after the last data record ignored")
                            .arg(dataBytes - std::int64_t(records) * recordBytes);
    }
    const std::int64_t nRecords = std::int64_t(records);

    std::int64_t g = 0;
    for (const auto& s : leads)
        g = std::gcd(g, s.samplesPerRecord);
    rec.frameRate = double(g) / recordSeconds;
    for (const auto& s : leads) {
        Lead l;
        l.name = s.label;
        l.units = s.units;
        l.gain = (s.digMax - s.digMin) / (s.physMax - s.physMin);
        l.baseline = s.digMin - s.physMin * l.gain;
        l.adcResolution = sampleBytes * 8;
        l.samplesPerFrame = int(s.samplesPerRecord / g);
        l.format = bdf ? QStringLiteral("bdf-24") : QStringLiteral("edf-16");
        if (!s.transducer.isEmpty() || !s.prefiltering.isEmpty())
            rec.comments
                << QStringLiteral("%1: %2 %3").arg(s.label, s.transducer, s.prefiltering).trimmed();
        rec.leads.push_back(l);
    }

    // Annotations and record onsets (EDF+D places records by their time-keeping TAL).
    std::vector<std::int64_t> recordStart;
    if (discontinuous)
        recordStart.resize(static_cast<std::size_t>(nRecords));
    for (std::size_t r = 0; r < recordStart.size(); ++r)
        recordStart[r] = std::int64_t(r) * g;
    AnnotationSet set;
    set.annotator = QStringLiteral("edf");
    set.path = path;
    const unsigned char* data = h + std::int64_t(headerBytes);
    for (std::int64_t r = 0; r < nRecords && !annotationSignals.empty(); ++r) {
        double keeping = std::nan("");
        for (const auto& a : annotationSignals) {
            const QByteArray bytes(
                reinterpret_cast<const char*>(data + r * recordBytes + a.offsetInRecord),
                qsizetype(a.samplesPerRecord * sampleBytes));
            const double k = parseTals(bytes, set.items, rec.frameRate);
            if (std::isnan(keeping))
                keeping = k;
        }
        if (discontinuous && !std::isnan(keeping))
            recordStart[std::size_t(r)] = std::int64_t(std::llround(keeping * rec.frameRate));
    }
    std::int64_t frames = nRecords * g;
    if (discontinuous && nRecords > 0) {
        if (recordStart.front() < 0)
            return bad(QStringLiteral("EDF+D data record 0 has a negative onset"));
        for (std::int64_t r = 1; r < nRecords; ++r)
            if (recordStart[std::size_t(r)] < recordStart[std::size_t(r - 1)] + g)
                return bad(
                    QStringLiteral("EDF+D data record %1 starts before the previous one ends")
                        .arg(r));
        frames = recordStart.back() + g;
        // Onsets are free text: a lying one would stretch the record over decades.
        if (double(frames) > kMaxRecordSpanSeconds * rec.frameRate)
            return bad(QStringLiteral("EDF+D data records span %1 days (gaps included), more "
                                      "than the %2 days supported")
                           .arg(double(frames) / (rec.frameRate * 86400.0), 0, 'g', 4)
                           .arg(kMaxRecordSpanSeconds / 86400.0));
        if (frames > nRecords * g)
            rec.warnings << QStringLiteral("discontinuous: %1 s of gaps between data records")
                                .arg(double(frames - nRecords * g) / rec.frameRate);
    }
    std::sort(set.items.begin(), set.items.end(),
              [](const Annotation& a, const Annotation& b) { return a.sample < b.sample; });
    if (!set.items.empty())
        rec.annotations.push_back(std::move(set));
    rec.frameCount = frames;
    rec.source = std::make_shared<EdfSignalSource>(file, std::int64_t(headerBytes), recordBytes,
                                                   sampleBytes, g, std::move(leads), nRecords,
                                                   std::move(recordStart), frames);
    return rec;
}

} // namespace cardiolens::ecg
