// `cardiolens-cli bench beat-clusters [--json] [--model NAME] [RECORD...]`: how far labelling
// only the largest clusters goes. A simulated reviewer labels the K largest clusters of
// each record with their majority reference class; every other beat keeps the model's
// label (beat-aami; "N" when no model can run). Reported: the share of beats whose AAMI
// class is then right, for K = 5, 10, 20, 50, averaged over records (default: the shared
// MIT-BIH DS1 records, the training split), cluster purity and clustering time.
#include "cli/bench/Bench.h"

#include "common/DataPaths.h"
#include "ecg/AamiClass.h"
#include "ecg/EcgReader.h"
#include "ecg/MitAnnotationIO.h"
#include "ecg/cluster/BeatClustering.h"
#include "ecg/dsp/RecordQrs.h"
#include "inference/EcgInference.h"
#include "inference/ModelRegistry.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>

#include <algorithm>
#include <array>
#include <map>
#include <memory>

namespace cardiolens::cli {

namespace {
using namespace cardiolens::ecg;
using namespace cardiolens::inference;

constexpr std::array<int, 4> kLabelBudgets = {5, 10, 20, 50};

QStringList ds1Records() {
    QStringList out;
    const QString root = DataPaths::sharedDataDir();
    if (root.isEmpty())
        return out;
    for (const QString& rel : mitBihDs1Records()) {
        const QString hea = QDir(root).filePath(rel + QStringLiteral(".hea"));
        if (QFileInfo::exists(hea))
            out << hea;
    }
    return out;
}

// AAMI class per beat sample from an annotation list (beats only).
std::map<std::int64_t, AamiClass> classesOf(const std::vector<Annotation>& items) {
    std::map<std::int64_t, AamiClass> out;
    for (const Annotation& a : items)
        if (const AamiClass c = aamiClassOf(a.code); c != AamiClass::None)
            out[a.sample] = c;
    return out;
}

struct RecordFigures {
    QJsonObject json;
    std::array<double, kLabelBudgets.size()> accuracy{};
    double purity = 0.0;
    double modelOnly = 0.0;
};

RecordFigures scoreRecord(const QString& path, ModelSession* model,
                          const BeatClusterSettings& settings) {
    RecordFigures f;
    f.json[QStringLiteral("record")] = QFileInfo(path).completeBaseName();
    auto record = EcgReader::open(path);
    auto atr = record ? MitAnnotationIO::read(path, QStringLiteral("atr"))
                      : Result<AnnotationSet>(record.error());
    if (!record || !atr) {
        f.json[QStringLiteral("error")] = (record ? atr.error() : record.error()).describe();
        return f;
    }
    const std::map<std::int64_t, AamiClass> truth = classesOf(atr->items);
    std::vector<std::int64_t> beats;
    for (const auto& [sample, cls] : truth)
        beats.push_back(sample);
    auto clustering = clusterBeats(record.value(), beats, settings);
    if (!clustering) {
        f.json[QStringLiteral("error")] = clustering.error().describe();
        return f;
    }
    // The model's labels on the reference beats, else N for all.
    std::map<std::int64_t, AamiClass> predicted;
    if (model) {
        EcgInferenceOptions options;
        options.beats = BeatSource::Annotations;
        JobControl control;
        if (auto res = runEcgModel(*model, record.value(), control, options))
            predicted = classesOf(res->annotations);
    }
    const BeatClustering& c = clustering.value();
    const std::size_t n = c.beats.size();
    std::vector<AamiClass> ref(n), label(n);
    for (std::size_t i = 0; i < n; ++i) {
        ref[i] = truth.at(c.beats[i]);
        const auto p = predicted.find(c.beats[i]);
        label[i] = p != predicted.end() ? p->second : AamiClass::N;
    }
    auto correctShare = [&](const std::vector<AamiClass>& l) {
        std::size_t ok = 0;
        for (std::size_t i = 0; i < n; ++i)
            ok += l[i] == ref[i];
        return n ? double(ok) / double(n) : 0.0;
    };
    f.modelOnly = correctShare(label);
    // Majority reference class of each cluster (clusters are sorted largest first).
    std::vector<AamiClass> majority;
    std::size_t pure = 0;
    for (const BeatCluster& cl : c.clusters) {
        std::map<AamiClass, std::size_t> counts;
        for (std::size_t m : cl.members)
            ++counts[ref[m]];
        const auto best = std::max_element(counts.begin(), counts.end(),
                                           [](auto& a, auto& b) { return a.second < b.second; });
        majority.push_back(best->first);
        pure += best->second;
    }
    f.purity = n ? double(pure) / double(n) : 0.0;
    QJsonObject byK;
    for (std::size_t k = 0; k < kLabelBudgets.size(); ++k) {
        std::vector<AamiClass> l = label;
        const std::size_t budget =
            std::min<std::size_t>(std::size_t(kLabelBudgets[k]), c.clusters.size());
        for (std::size_t ci = 0; ci < budget; ++ci)
            for (std::size_t m : c.clusters[ci].members)
                l[m] = majority[ci];
        f.accuracy[k] = correctShare(l);
        byK[QString::number(kLabelBudgets[k])] = std::round(f.accuracy[k] * 1e5) / 1e3;
    }
    f.json[QStringLiteral("beats")] = int(n);
    f.json[QStringLiteral("clusters")] = int(c.clusters.size());
    f.json[QStringLiteral("cluster_ms")] = std::round(c.seconds * 1e4) / 10.0;
    f.json[QStringLiteral("purity_percent")] = std::round(f.purity * 1e5) / 1e3;
    f.json[QStringLiteral("model_only_percent")] = std::round(f.modelOnly * 1e5) / 1e3;
    f.json[QStringLiteral("correct_percent_by_k")] = byK;
    return f;
}

QJsonObject runBeatClusterBench(const QStringList& args) {
    QJsonObject out;
    QString modelName = QStringLiteral("beat-aami");
    BeatClusterSettings settings;
    QStringList records;
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--json"))
            continue;
        if (args[i] == QLatin1String("--model") && i + 1 < args.size())
            modelName = args[++i];
        else if (args[i] == QLatin1String("--match-distance") && i + 1 < args.size())
            settings.matchDistance = args[++i].toDouble();
        else
            records << args[i];
    }
    if (records.isEmpty())
        records = ds1Records();
    if (records.isEmpty()) {
        out[QStringLiteral("error")] = QStringLiteral("no records (shared MIT-BIH DS1 not found)");
        return out;
    }
    std::unique_ptr<ModelSession> session;
    if (auto manifest = ModelRegistry::scan().find(modelName)) {
        if (auto opened = ModelSession::open(manifest.value())) {
            session = std::move(opened.value());
            session->setThreadCount(2);
            out[QStringLiteral("model")] = manifest->id();
        } else {
            out[QStringLiteral("model")] =
                QStringLiteral("none (%1)").arg(opened.error().describe());
        }
    } else {
        out[QStringLiteral("model")] = QStringLiteral("none (%1)").arg(manifest.error().describe());
    }
    QJsonArray perRecord;
    std::array<double, kLabelBudgets.size()> sum{};
    double puritySum = 0.0, modelSum = 0.0, clusterMs = 0.0, clusters = 0.0;
    int scored = 0;
    for (const QString& path : records) {
        const RecordFigures f = scoreRecord(path, session.get(), settings);
        perRecord.append(f.json);
        if (f.json.contains(QStringLiteral("error")))
            continue;
        ++scored;
        for (std::size_t k = 0; k < sum.size(); ++k)
            sum[k] += f.accuracy[k];
        puritySum += f.purity;
        modelSum += f.modelOnly;
        clusterMs += f.json.value(QStringLiteral("cluster_ms")).toDouble();
        clusters += f.json.value(QStringLiteral("clusters")).toDouble();
    }
    auto pct = [&](double v) {
        return scored ? std::round(v / scored * 1e5) / 1e3 : 0.0;
    };
    QJsonObject mean;
    for (std::size_t k = 0; k < sum.size(); ++k)
        mean[QString::number(kLabelBudgets[k])] = pct(sum[k]);
    out[QStringLiteral("records")] = scored;
    out[QStringLiteral("match_distance")] = settings.matchDistance;
    out[QStringLiteral("mean_correct_percent_by_k")] = mean;
    out[QStringLiteral("mean_purity_percent")] = pct(puritySum);
    out[QStringLiteral("mean_model_only_percent")] = pct(modelSum);
    out[QStringLiteral("mean_clusters")] = scored ? clusters / scored : 0.0;
    out[QStringLiteral("mean_cluster_ms")] =
        scored ? std::round(clusterMs / scored * 10) / 10 : 0.0;
    out[QStringLiteral("per_record")] = perRecord;
    return out;
}

const bool registered = registerBench(
    {QStringLiteral("beat-clusters"),
     QStringLiteral(
         "label the K largest beat clusters of MIT-BIH DS1 records: share of beats right"),
     runBeatClusterBench});

} // namespace

} // namespace cardiolens::cli
