// `cardiolens-cli cluster RECORD [--beats atr|detector|ANNOTATOR] [--json]`: every beat of a
// record in a morphology cluster (the template gallery's data), largest cluster first.
#include "cli/CliCommand.h"

#include "common/JsonOutput.h"
#include "ecg/EcgReader.h"
#include "ecg/cluster/BeatClustering.h"
#include "ecg/cluster/RecordBeats.h"

#include <QJsonArray>

namespace cardiolens::cli {

namespace {
using namespace cardiolens::ecg;

QJsonObject clusterJson(const BeatClustering& result, const BeatCluster& c,
                        const EcgRecord& record) {
    QJsonObject o;
    o[QStringLiteral("id")] = c.id;
    o[QStringLiteral("size")] = int(c.members.size());
    o[QStringLiteral("premature")] = c.premature;
    o[QStringLiteral("outlier")] = c.outlier;
    o[QStringLiteral("mean_prematurity")] = c.meanPrematurity;
    QJsonArray beats;
    for (std::size_t m : c.members)
        beats.append(qint64(result.beats[m]));
    o[QStringLiteral("beats")] = beats;
    // The median beat: times relative to the fiducial point, then one trace per lead.
    QJsonArray times;
    for (int k = 0; k < result.windowSamples; ++k)
        times.append(-result.preMs + k * result.stepMs);
    o[QStringLiteral("template_ms")] = times;
    QJsonObject traces;
    for (std::size_t l = 0; l < result.leads.size(); ++l) {
        QJsonArray mv;
        for (int k = 0; k < result.windowSamples; ++k)
            mv.append(double(c.median[l * std::size_t(result.windowSamples) + std::size_t(k)]));
        traces[record.leads[std::size_t(result.leads[l])].name] = mv;
    }
    o[QStringLiteral("template_mv")] = traces;
    return o;
}

int runCluster(const CliCommand& self, const QStringList& args) {
    QString path, source = QStringLiteral("atr");
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--json"))
            continue;
        if (args[i] == QLatin1String("--beats")) {
            if (i + 1 >= args.size())
                return usageError(self,
                                  QStringLiteral("--beats needs atr, detector or an annotator"));
            source = args[++i];
        } else if (args[i].startsWith(QLatin1String("--"))) {
            return usageError(self, QStringLiteral("unknown option %1").arg(args[i]));
        } else if (path.isEmpty()) {
            path = args[i];
        } else {
            return usageError(self, QStringLiteral("cluster takes one RECORD"));
        }
    }
    if (path.isEmpty())
        return usageError(self, QStringLiteral("cluster needs a RECORD"));
    const auto record = EcgReader::open(path);
    if (!record) {
        printError(record.error().describe());
        return kExitBadData;
    }
    auto beats = recordBeats(record.value(), source);
    if (!beats) {
        printError(beats.error().describe());
        return kExitBadData;
    }
    const auto result = clusterBeats(record.value(), std::move(beats.value()));
    if (!result) {
        printError(result.error().describe());
        return kExitBadData;
    }
    QJsonObject out;
    out[QStringLiteral("record")] = record->name;
    out[QStringLiteral("path")] = path;
    out[QStringLiteral("beat_source")] = source;
    out[QStringLiteral("beat_count")] = int(result->beats.size());
    out[QStringLiteral("cluster_seconds")] = result->seconds;
    QJsonArray clusters;
    for (const BeatCluster& c : result->clusters)
        clusters.append(clusterJson(result.value(), c, record.value()));
    out[QStringLiteral("clusters")] = clusters;
    writeJson(out);
    return kExitOk;
}

CliCommand clusterCommand() {
    CliCommand c;
    c.name = QStringLiteral("cluster");
    c.summary = QStringLiteral("cluster every beat of a record by morphology and prematurity");
    c.usage = QStringLiteral("cluster RECORD [--beats atr|detector|ANNOTATOR] [--json]");
    c.run = [c](const QStringList& args) {
        return runCluster(c, args);
    };
    return c;
}

const bool registered = registerCliCommand(clusterCommand());

} // namespace

} // namespace cardiolens::cli
