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
