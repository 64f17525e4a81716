// `cardiolens-cli bench annotation-edit [--json]`: the core cost of Holter-scale label edits:
// a 130,000-beat document (a 24-h Holter at ~90 bpm) where a 50,000-beat cluster is
// relabelled in one action, then undone and redone.
#include "cli/bench/Bench.h"

#include "ecg/edit/AnnotationDocument.h"

#include <cmath>

namespace cardiolens::cli {

namespace {
using namespace cardiolens::ecg;

QJsonObject runAnnotationEditBench(const QStringList&) {
    constexpr int kBeats = 130000;
    std::vector<Annotation> items;
    items.reserve(kBeats);
    for (int i = 0; i < kBeats; ++i) {
        Annotation a;
        a.sample = std::int64_t(i) * 167 + (i % 7);
        a.code = AnnotationCodes::Normal;
        items.push_back(a);
    }
    std::vector<std::size_t> cluster; // every other beat up to 50,000, as a cluster's members
    for (std::size_t i = 0; cluster.size() < 50000; i += 2)
        cluster.push_back(i);
    std::vector<double> relabel, undo, redo;
    double loadMs = 0.0;
    for (int run = 0; run < 5; ++run) {
        double t = nowMs();
        AnnotationDocument doc(items);
        loadMs = nowMs() - t;
        t = nowMs();
        doc.relabel(cluster, AnnotationCodes::Pvc);
        relabel.push_back(nowMs() - t);
        t = nowMs();
        doc.undo();
        undo.push_back(nowMs() - t);
        t = nowMs();
        doc.redo();
        redo.push_back(nowMs() - t);
    }
    auto round2 = [](double v) {
        return std::round(v * 100.0) / 100.0;
    };
    QJsonObject out;
    out[QStringLiteral("beats")] = kBeats;
    out[QStringLiteral("relabelled")] = int(cluster.size());
    out[QStringLiteral("document_open_ms")] = round2(loadMs);
    out[QStringLiteral("relabel_ms_median")] = round2(percentile(relabel, 50));
    out[QStringLiteral("undo_ms_median")] = round2(percentile(undo, 50));
    out[QStringLiteral("redo_ms_median")] = round2(percentile(redo, 50));
    return out;
}

const bool registered = registerBench(
    {QStringLiteral("annotation-edit"),
     QStringLiteral("relabel a 50,000-beat cluster of a 130,000-beat document, undo, redo"),
     runAnnotationEditBench});

} // namespace

} // namespace cardiolens::cli
