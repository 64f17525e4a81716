// `cardiolens-cli bench ecg-dsp [--json] [LONG_RECORD]`: QRS detection speed, filter and
// resampling throughput, min/max pyramid build and query times (on the 24-h record made by
// tools/ecg/make_long_record.py when its path is given, else on MIT-BIH 100).
#include "cli/bench/Bench.h"

#include "common/DataPaths.h"
#include "ecg/EcgReader.h"
#include "ecg/dsp/PyramidBuilder.h"
#include "ecg/dsp/QrsDetector.h"
#include "ecg/dsp/RecordPyramid.h"
#include "ecg/dsp/Resampler.h"
#include "ecg/dsp/ZeroPhaseFilter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cmath>
#include <random>

namespace cardiolens::cli {

namespace {
using namespace cardiolens::ecg;

double anonResidentMb() {
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0.0;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith("RssAnon:"))
            return line.mid(8).trimmed().split(' ').first().toDouble() / 1024.0;
    return 0.0;
}

double round2(double v) {
    return std::round(v * 100.0) / 100.0;
}

QString findRecord(const QStringList& candidates) {
    const QString shared = DataPaths::sharedDataDir();
    for (const QString& rel : candidates) {
        if (!shared.isEmpty() && QFileInfo::exists(QDir(shared).filePath(rel + ".hea")))
            return QDir(shared).filePath(rel + ".hea");
        const QString samples = DataPaths::samplesDir();
        if (!samples.isEmpty() && QFileInfo::exists(QDir(samples).filePath(rel + ".hea")))
            return QDir(samples).filePath(rel + ".hea");
    }
    return {};
}

std::vector<std::vector<float>> physicalLeads(const EcgRecord& r) {
    std::vector<std::vector<float>> leads;
    for (int l = 0; l < r.leadCount(); ++l) {
        std::vector<float> x = r.physical(l, 0, r.frameCount);
        for (float& v : x)
            if (!std::isfinite(v))
                v = 0.0f;
        leads.push_back(std::move(x));
    }
    return leads;
}

// Median wall time of \a runs calls of \a fn, in ms.
template <typename Fn> double medianMs(int runs, Fn fn) {
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        const double t0 = nowMs();
        fn();
        times.push_back(nowMs() - t0);
    }
    return percentile(times, 50.0);
}

QJsonObject qrsSpeed(const QString& path) {
    QJsonObject o;
    const auto rec = EcgReader::open(path);
    if (!rec)
        return {{QStringLiteral("error"), rec.error().describe()}};
    const auto leads = physicalLeads(rec.value());
    const QrsDetector detector(rec->frameRate);
    std::vector<std::span<const float>> all(leads.begin(), leads.end());
    std::size_t beats = 0;
    const double allMs = medianMs(3, [&] { beats = detector.detect(all).size(); });
    const double oneMs = medianMs(3, [&] { detector.detect({leads[0]}); });
    const double seconds = rec->durationSeconds();
    o[QStringLiteral("record")] = rec->name;
    o[QStringLiteral("sampling_rate_hz")] = rec->frameRate;
    o[QStringLiteral("leads")] = int(leads.size());
    o[QStringLiteral("duration_s")] = seconds;
    o[QStringLiteral("beats")] = double(beats);
    o[QStringLiteral("all_leads_ms")] = round2(allMs);
    o[QStringLiteral("realtime_x_per_lead_all_leads")] =
        std::round(seconds * double(leads.size()) / (allMs / 1000.0));
    o[QStringLiteral("one_lead_ms")] = round2(oneMs);
    o[QStringLiteral("realtime_x_one_lead")] = std::round(seconds / (oneMs / 1000.0));
    return o;
}

QJsonObject filterSpeed(const QString& path) {
    QJsonObject o;
    const auto rec = EcgReader::open(path);
    if (!rec)
        return {{QStringLiteral("error"), rec.error().describe()}};
    const std::vector<float> lead = rec->physical(0, 0, rec->frameCount);
    const double fs = rec->frameRate;
    const double msamples = double(lead.size()) / 1e6;
    for (const auto& [name, settings] :
         {std::pair{QStringLiteral("diagnostic_0.05_150"), FilterSettings::diagnostic()},
          std::pair{QStringLiteral("monitor_0.5_40_notch50"),
                    FilterSettings{0.5, 40.0, 50.0, false, 2, 30.0}}}) {
        const ZeroPhaseFilter filter(settings, fs);
        std::vector<double> work;
        const double ms = medianMs(3, [&] {
            work.assign(lead.begin(), lead.end());
            filter.apply(work);
        });
        QJsonObject f;
        f[QStringLiteral("whole_lead_msamples_per_s")] = round2(msamples / (ms / 1000.0));
        f[QStringLiteral("warm_up_s")] = round2(double(filter.warmUpSamples()) / fs);
        // A 10-s page with its warm-up, read through the record's decoder.
        const SampleReader reader = [&](std::int64_t first, std::int64_t count, double* out) {
            const std::vector<float> x = rec->physical(0, first, count);
            for (std::size_t i = 0; i < x.size(); ++i)
                out[i] = std::isfinite(x[i]) ? double(x[i]) : 0.0;
        };
        std::mt19937 rng(1);
        const auto page = std::int64_t(10 * fs);
        std::vector<double> pageTimes;
        for (int i = 0; i < 20; ++i) {
            const std::int64_t first = std::int64_t(
                rng() % std::uint32_t(std::max<std::int64_t>(1, rec->frameCount - page)));
            const double t0 = nowMs();
            filter.applyWindow(reader, rec->frameCount, first, first + page);
            pageTimes.push_back(nowMs() - t0);
        }
        f[QStringLiteral("page_10s_ms_p50")] = round2(percentile(pageTimes, 50.0));
        o[name] = f;
    }
    const std::vector<float> minute(
        lead.begin(), lead.begin() + std::min<std::size_t>(lead.size(), std::size_t(60 * fs)));
    const double resampleMs = medianMs(3, [&] { resample(minute, fs, 500.0); });
    o[QStringLiteral("resample_to_500hz_msamples_per_s")] =
        round2(double(minute.size()) / 1e6 / (resampleMs / 1000.0));
    return o;
}

QJsonObject pyramidSpeed(const QString& path) {
    QJsonObject o;
    const double t0 = nowMs();
    const auto rec = EcgReader::open(path);
    if (!rec)
        return {{QStringLiteral("error"), rec.error().describe()}};
    o[QStringLiteral("record")] = rec->name;
    o[QStringLiteral("open_ms")] = round2(nowMs() - t0);
    o[QStringLiteral("leads")] = rec->leadCount();
    o[QStringLiteral("duration_h")] = round2(rec->durationSeconds() / 3600.0);
    if (!rec->source || rec->source->frameSize() != rec->leadCount())
        return {
            {QStringLiteral("error"), QStringLiteral("multi-rate records are not benchmarked")}};
    const FrameReader reader = [&](std::int64_t first, std::int64_t count, std::int32_t* out) {
        return rec->readFrames(first, count, out) == count;
    };
    std::shared_ptr<MinMaxPyramid> pyramid;
    const double buildMs = medianMs(1, [&] {
        pyramid = PyramidBuilder::build(reader, rec->leadCount(), rec->frameCount, 128);
    });
    if (!pyramid)
        return {{QStringLiteral("error"), QStringLiteral("pyramid build failed")}};
    o[QStringLiteral("build_ms")] = round2(buildMs);
    o[QStringLiteral("pyramid_mb")] = round2(double(pyramid->memoryBytes()) / 1e6);
    // Resident memory counts the mapped signal file's cached pages; the anonymous part is
    // what the process itself allocated (the pyramid, buffers).
    o[QStringLiteral("resident_mb")] = round2(residentMb());
    o[QStringLiteral("resident_anon_mb")] = round2(anonResidentMb());
    QJsonObject queries;
    const int columns = 1600;
    for (double spanS : {86400.0, 3600.0, 60.0, 10.0}) {
        const auto span = std::min(rec->frameCount, std::int64_t(spanS * rec->frameRate));
        std::mt19937 rng(7);
        std::vector<double> times;
        for (int i = 0; i < 50; ++i) {
            const std::int64_t first = std::int64_t(
                rng() % std::uint32_t(std::max<std::int64_t>(1, rec->frameCount - span)));
            const int lead = int(rng() % std::uint32_t(rec->leadCount()));
            const double q0 = nowMs();
            pyramid->query(lead, first, first + span, columns, reader);
            times.push_back(nowMs() - q0);
        }
        queries[QStringLiteral("span_%1s_1600px_ms_p50").arg(spanS)] =
            round2(percentile(times, 50.0));
        queries[QStringLiteral("span_%1s_1600px_ms_p95").arg(spanS)] =
            round2(percentile(times, 95.0));
    }
    o[QStringLiteral("query_one_lead")] = queries;
    return o;
}

QJsonObject runEcgDsp(const QStringList& args) {
    QJsonObject out;
    const QString mit =
        findRecord({QStringLiteral("ecg/mitdb/100"), QStringLiteral("ecg/mitdb/100s")});
    if (mit.isEmpty())
        return {{QStringLiteral("error"), QStringLiteral("no MIT-BIH record found")}};
    QJsonObject qrs;
    qrs[QStringLiteral("mitdb_360hz")] = qrsSpeed(mit);
    const QString cpsc = findRecord({QStringLiteral("ecg/cpsc2021/data_21_8")});
    if (!cpsc.isEmpty())
        qrs[QStringLiteral("cpsc2021_200hz")] = qrsSpeed(cpsc);
    const QString cinc = findRecord({QStringLiteral("ecg/cinc2021/E07500")});
    if (!cinc.isEmpty())
        qrs[QStringLiteral("cinc2021_500hz_12lead")] = qrsSpeed(cinc);
    out[QStringLiteral("qrs_single_thread")] = qrs;
    out[QStringLiteral("filters_single_thread")] = filterSpeed(mit);
    const QString longRecord = args.isEmpty() ? QString() : args.first();
    out[QStringLiteral("pyramid")] = pyramidSpeed(longRecord.isEmpty() ? mit : longRecord);
    if (longRecord.isEmpty())
        out[QStringLiteral("note")] = QStringLiteral(
            "pass the 24-h record (tools/ecg/make_long_record.py OUT) to time its pyramid");
    return out;
}

const bool registered = registerBench(
    {QStringLiteral("ecg-dsp"),
     QStringLiteral("QRS detection speed, filter throughput, min/max pyramid build/query "
                    "[LONG_RECORD.hea]"),
     runEcgDsp});
} // namespace

} // namespace cardiolens::cli
