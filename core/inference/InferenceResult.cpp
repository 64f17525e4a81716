#include "inference/InferenceResult.h"

#include <QJsonArray>

namespace cardiolens::inference {

QJsonObject InferenceResult::toJson() const {
    QJsonObject o;
    o[QStringLiteral("model")] = modelId;
    o[QStringLiteral("case")] = casePath;
    o[QStringLiteral("task")] = task;
    o[QStringLiteral("items")] = items;
    o[QStringLiteral("elapsed_ms")] = elapsedMs;
    QJsonObject unc;
    unc[QStringLiteral("method")] = uncertaintyMethod;
    unc[QStringLiteral("score")] = uncertainty;
    o[QStringLiteral("uncertainty")] = unc;
    if (!classProbabilities.empty()) {
        QJsonObject probs;
        for (const auto& [name, p] : classProbabilities)
            probs[name] = p;
        o[QStringLiteral("probabilities")] = probs;
        o[QStringLiteral("prediction")] = predictedLabel;
    }
    if (!windows.startSeconds.empty() && windows.perClass.size() == classProbabilities.size()) {
        QJsonObject w;
        w[QStringLiteral("window_s")] = windows.windowSeconds;
        QJsonArray starts;
        for (double t : windows.startSeconds)
            starts.append(t);
        w[QStringLiteral("start_s")] = starts;
        QJsonObject perLabel;
        for (std::size_t c = 0; c < windows.perClass.size(); ++c) {
            QJsonArray values;
            for (float p : windows.perClass[c])
                values.append(double(p));
            perLabel[classProbabilities[c].first] = values;
        }
        w[QStringLiteral("probabilities")] = perLabel;
        o[QStringLiteral("windows")] = w;
    }
    if (!annotations.empty())
        o[QStringLiteral("annotations")] = qint64(annotations.size());
    if (labels) {
        QJsonArray extent{labels->extent().width, labels->extent().height, labels->extent().slices,
                          labels->extent().phases};
        o[QStringLiteral("label_extent")] = extent;
    }
    for (auto it = details.begin(); it != details.end(); ++it)
        o[it.key()] = it.value();
    return o;
}

} // namespace cardiolens::inference
