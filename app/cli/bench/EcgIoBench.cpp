// `cardiolens-cli bench ecg-io [RECORD]`: WFDB decode throughput (formats 212 and 16, single
// thread, into an in-memory int32 buffer), open time and resident memory.
#include "cli/bench/Bench.h"

#include "common/DataPaths.h"
#include "ecg/EcgReader.h"
#include "ecg/WfdbRecordReader.h"

#include <QDir>

#include <algorithm>
#include <vector>

namespace cardiolens::cli {

namespace {

struct Throughput {
    double framesMsps = 0; ///< All leads in one pass (readFrames).
    double leadMsps = 0;   ///< One lead at a time (readRaw).
};

// Repeats decodes of the first maxFrames frames until ~0.4 s have passed; the median pass
// gives the rate. Decoding goes chunk by chunk into a 1 MB buffer that stays in cache, as
// whole-record passes do, so the figure is the decoder's and not the memory bus's.
Throughput measure(const ecg::EcgRecord& rec, std::int64_t maxFrames) {
    const std::int64_t frames = std::min(rec.frameCount, maxFrames);
    const std::int64_t frameSize = rec.source->frameSize();
    const std::int64_t values = frames * frameSize;
    const std::int64_t chunk = std::max<std::int64_t>(1, (1 << 18) / frameSize); // Frames.
    std::vector<std::int32_t> buffer(static_cast<std::size_t>(chunk * frameSize));
    auto rate = [&](auto&& pass) {
        std::vector<double> ms;
        const double until = nowMs() + 400;
        pass(); // Warm the page cache and the buffer.
        while (nowMs() < until || ms.size() < 5) {
            const double t0 = nowMs();
            pass();
            ms.push_back(nowMs() - t0);
        }
        return double(values) / (percentile(ms, 50) * 1e3);
    };
    Throughput t;
    t.framesMsps = rate([&] {
        for (std::int64_t f = 0; f < frames; f += chunk)
            rec.readFrames(f, std::min(chunk, frames - f), buffer.data());
    });
    t.leadMsps = rate([&] {
        for (int l = 0; l < rec.leadCount(); ++l) {
            const std::int64_t spf = rec.leads[std::size_t(l)].samplesPerFrame;
            const std::int64_t perChunk = chunk * frameSize; // Samples of this lead per call.
            for (std::int64_t i = 0; i < frames * spf; i += perChunk)
                rec.readRaw(l, i, std::min(perChunk, frames * spf - i), buffer.data());
        }
    });
    return t;
}

QJsonObject decodeFigures(const QString& path, std::int64_t maxFrames) {
    QJsonObject o;
    auto rec = ecg::EcgReader::open(path);
    if (!rec) {
        o[QStringLiteral("error")] = rec.error().describe();
        return o;
    }
    const Throughput t = measure(rec.value(), maxFrames);
    o[QStringLiteral("record")] = path;
    o[QStringLiteral("format")] = rec->leads.front().format;
    o[QStringLiteral("leads")] = rec->leadCount();
    o[QStringLiteral("samples_per_pass")] =
        double(std::min(rec->frameCount, maxFrames) * rec->source->frameSize());
    o[QStringLiteral("decode_all_leads_msamples_per_s")] = t.framesMsps;
    o[QStringLiteral("decode_per_lead_msamples_per_s")] = t.leadMsps;
    return o;
}

QJsonObject openFigures(const QString& path) {
    QJsonObject o;
    const double rssBefore = residentMb();
    const double t0 = nowMs();
    auto rec = ecg::EcgReader::open(path);
    const double openMs = nowMs() - t0;
    if (!rec) {
        o[QStringLiteral("error")] = rec.error().describe();
        return o;
    }
    o[QStringLiteral("record")] = path;
    o[QStringLiteral("open_ms")] = openMs;
    o[QStringLiteral("resident_mb_after_open")] = residentMb();
    o[QStringLiteral("resident_mb_added_by_open")] = residentMb() - rssBefore;
    o[QStringLiteral("leads")] = rec->leadCount();
    o[QStringLiteral("frames")] = double(rec->frameCount);
    o[QStringLiteral("duration_h")] = rec->durationSeconds() / 3600.0;
    // A 10-second page of every lead, as a viewer reads it.
    const std::int64_t page = std::int64_t(rec->frameRate * 10);
    std::vector<std::int32_t> buffer(static_cast<std::size_t>(page * rec->source->frameSize()));
    const double t1 = nowMs();
    rec->readFrames(rec->frameCount / 2, page, buffer.data());
    o[QStringLiteral("page_10s_read_ms")] = nowMs() - t1;
    o[QStringLiteral("resident_mb_after_page")] = residentMb();
    // Whole-record decode of all leads, chunked as the pyramid builder would.
    const std::int64_t chunk = std::max<std::int64_t>(1, (1 << 20) / rec->source->frameSize());
    buffer.resize(static_cast<std::size_t>(chunk * rec->source->frameSize()));
    const double t2 = nowMs();
    for (std::int64_t f = 0; f < rec->frameCount; f += chunk) {
        rec->readFrames(f, chunk, buffer.data());
        rec->releaseFrames(f, chunk);
    }
    const double wholeMs = nowMs() - t2;
    o[QStringLiteral("whole_record_decode_ms")] = wholeMs;
    o[QStringLiteral("whole_record_decode_msamples_per_s")] =
        double(rec->frameCount) * rec->source->frameSize() / (wholeMs * 1e3);
    // With releaseFrames after each chunk, a whole pass leaves resident memory flat.
    o[QStringLiteral("resident_mb_after_whole_decode")] = residentMb();
    return o;
}

QJsonObject run(const QStringList& args) {
    QJsonObject out;
    out[QStringLiteral("threads")] = 1;
    if (!args.isEmpty()) {
        out[QStringLiteral("big_record")] = openFigures(args.first());
        QJsonObject d = decodeFigures(args.first(), 10'000'000);
        if (d.contains(QStringLiteral("error")))
            out[QStringLiteral("error")] = d.value(QStringLiteral("error"));
        out[QStringLiteral("big_record_decode")] = d;
        return out;
    }
    const QString shared = DataPaths::sharedDataDir();
    if (shared.isEmpty()) {
        out[QStringLiteral("error")] = QStringLiteral("no RECORD given and no shared data found");
        return out;
    }
    const QDir ecg(QDir(shared).filePath(QStringLiteral("ecg")));
    const QJsonObject f212 = decodeFigures(ecg.filePath(QStringLiteral("mitdb/100.hea")), 1 << 30);
    const QJsonObject f16 =
        decodeFigures(ecg.filePath(QStringLiteral("cpsc2021/data_21_8.hea")), 1 << 30);
    const QJsonObject f16x12 =
        decodeFigures(ecg.filePath(QStringLiteral("ptbdb/s0010_re.hea")), 1 << 30);
    for (const auto& o : {f212, f16, f16x12})
        if (o.contains(QStringLiteral("error")))
            out[QStringLiteral("error")] = o.value(QStringLiteral("error"));
    out[QStringLiteral("format_212")] = f212;
    out[QStringLiteral("format_16")] = f16;
    out[QStringLiteral("format_16_two_files_15_leads")] = f16x12;
    out[QStringLiteral("decode_212_msamples_per_s")] =
        f212.value(QStringLiteral("decode_all_leads_msamples_per_s"));
    out[QStringLiteral("decode_16_msamples_per_s")] =
        f16.value(QStringLiteral("decode_all_leads_msamples_per_s"));
    // Open time over the shared records, repeated.
    std::vector<double> openMs;
    const QStringList headers = {
        QStringLiteral("mitdb/100.hea"), QStringLiteral("ptbdb/s0010_re.hea"),
        QStringLiteral("cinc2021/E07500.hea"), QStringLiteral("challenge2015/a103l.hea")};
    for (int rep = 0; rep < 20; ++rep)
        for (const QString& h : headers) {
            const double t0 = nowMs();
            auto rec = ecg::EcgReader::open(ecg.filePath(h));
            openMs.push_back(nowMs() - t0);
        }
    out[QStringLiteral("open_ms_median")] = percentile(openMs, 50);
    out[QStringLiteral("open_ms_p95")] = percentile(openMs, 95);
    out[QStringLiteral("resident_mb")] = residentMb();
    return out;
}

const bool registered = registerBench(
    {QStringLiteral("ecg-io"),
     QStringLiteral("WFDB decode throughput (212, 16), open time and resident memory [RECORD]"),
     run});

} // namespace

} // namespace cardiolens::cli
