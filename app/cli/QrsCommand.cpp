// `cardiolens-cli qrs RECORD... [--lead N] [--out ANNOTATOR] [--compare ANNOTATOR] --json`
#include "cli/CliCommand.h"

#include "common/JsonOutput.h"
#include "ecg/EcgReader.h"
#include "ecg/MitAnnotationIO.h"
#include "ecg/dsp/HeartRate.h"
#include "ecg/dsp/RecordQrs.h"

#include <QJsonArray>
#include <QJsonObject>

#include <cmath>

namespace cardiolens::cli {

namespace {
using namespace cardiolens::ecg;

int runQrs(const CliCommand& self, const QStringList& args) {
    QStringList records;
    int lead = -1;
    QString outAnnotator, compareAnnotator;
    for (int i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        auto needValue = [&](QString& into) {
            if (i + 1 >= args.size())
                return false;
            into = args[++i];
            return true;
        };
        if (a == QLatin1String("--json"))
            continue;
        if (a == QLatin1String("--lead")) {
            QString v;
            bool ok = false;
            if (needValue(v))
                lead = v.toInt(&ok);
            if (!ok || lead < 0)
                return usageError(self, QStringLiteral("--lead needs a lead index (0, 1, ...)"));
        } else if (a == QLatin1String("--out")) {
            if (!needValue(outAnnotator) || outAnnotator.isEmpty())
                return usageError(self, QStringLiteral("--out needs an annotator name"));
        } else if (a == QLatin1String("--compare")) {
            if (!needValue(compareAnnotator) || compareAnnotator.isEmpty())
                return usageError(self, QStringLiteral("--compare needs an annotator name"));
        } else if (a.startsWith(QLatin1String("--"))) {
            return usageError(self, QStringLiteral("unknown option %1").arg(a));
        } else {
            records << a;
        }
    }
    if (records.isEmpty())
        return usageError(self, QStringLiteral("qrs needs a RECORD"));

    QJsonArray results;
    BeatScore gross;
    int failures = 0;
    for (const QString& path : records) {
        const auto record = EcgReader::open(path);
        if (!record) {
            printError(record.error().describe());
            ++failures;
            continue;
        }
        const auto detected = detectRecordQrs(record.value(), lead);
        if (!detected) {
            printError(detected.error().describe());
            ++failures;
            continue;
        }
        const RecordQrs& qrs = detected.value();
        const std::vector<std::int64_t> positions = QrsDetector::positions(qrs.beats);
        const std::vector<double> rr = rrIntervalsMs(positions, qrs.fs);
        const HrvSummary all = timeDomainHrv(rr);
        const HrvSummary hrv = timeDomainHrv(normalToNormal(rr));

        QJsonObject r;
        r[QStringLiteral("record")] = record->name;
        r[QStringLiteral("path")] = path;
        r[QStringLiteral("sampling_rate_hz")] = qrs.fs;
        r[QStringLiteral("duration_s")] = record->durationSeconds();
        QJsonArray used;
        for (int l : qrs.leadsUsed)
            used.append(record->leads[std::size_t(l)].name.isEmpty()
                            ? QString::number(l)
                            : record->leads[std::size_t(l)].name);
        r[QStringLiteral("leads_used")] = used;
        r[QStringLiteral("beat_count")] = double(positions.size());
        r[QStringLiteral("mean_hr_bpm")] = std::round(all.meanHeartRateBpm * 10.0) / 10.0;
        QJsonObject hrvJson;
        hrvJson[QStringLiteral("sdnn_ms")] = std::round(hrv.sdnnMs * 10.0) / 10.0;
        hrvJson[QStringLiteral("rmssd_ms")] = std::round(hrv.rmssdMs * 10.0) / 10.0;
        hrvJson[QStringLiteral("pnn50_percent")] = std::round(hrv.pnn50Percent * 10.0) / 10.0;
        hrvJson[QStringLiteral("nn_intervals")] = double(hrv.intervals);
        hrvJson[QStringLiteral("rr_intervals")] = double(all.intervals);
        r[QStringLiteral("hrv")] = hrvJson;
        r[QStringLiteral("detect_ms")] = std::round(qrs.detectSeconds * 1e4) / 10.0;
        QJsonArray beats;
        for (std::int64_t p : positions)
            beats.append(double(p));
        r[QStringLiteral("beats")] = beats;

        if (!compareAnnotator.isEmpty()) {
            const auto reference = MitAnnotationIO::read(path, compareAnnotator);
            if (!reference) {
                printError(reference.error().describe());
                ++failures;
            } else {
                const BeatScore s = scoreQrs(qrs, reference.value());
                gross += s;
                QJsonObject cmp = s.toJson();
                cmp[QStringLiteral("annotator")] = compareAnnotator;
                cmp[QStringLiteral("reference_beats")] =
                    double(referenceBeats(reference.value()).size());
                r[QStringLiteral("compare")] = cmp;
            }
        }
        if (!outAnnotator.isEmpty()) {
            std::vector<Annotation> annotations;
            annotations.reserve(positions.size());
            for (std::int64_t p : positions) {
                Annotation a;
                a.sample = p;
                a.code = AnnotationCodes::Normal; // detection only: every beat is 'N'
                annotations.push_back(a);
            }
            const QString outPath = MitAnnotationIO::pathFor(path, outAnnotator);
            const auto written = MitAnnotationIO::write(outPath, annotations);
            if (!written) {
                printError(written.error().describe());
                ++failures;
            } else {
                r[QStringLiteral("written")] = outPath;
            }
        }
        results.append(r);
    }
    QJsonObject out;
    out[QStringLiteral("records")] = results;
    if (!compareAnnotator.isEmpty())
        out[QStringLiteral("gross")] = gross.toJson();
    writeJson(out);
    return failures ? kExitBadData : kExitOk;
}

CliCommand qrsCommand() {
    CliCommand c;
    c.name = QStringLiteral("qrs");
    c.summary = QStringLiteral("detect QRS complexes (all leads fused), HR and HRV; compare "
                               "with reference beats (Se, +P)");
    c.usage = QStringLiteral("qrs RECORD... [--lead N] [--out ANNOTATOR] [--compare ANNOTATOR] "
                             "[--json]");
    c.run = [c](const QStringList& args) {
        return runQrs(c, args);
    };
    return c;
}

const bool registered = registerCliCommand(qrsCommand());
} // namespace

} // namespace cardiolens::cli
