#pragma once

#include "common/Result.h"
#include "inference/ModelManifest.h"
#include "inference/Tensor.h"

#include <memory>
#include <vector>

namespace cardiolens::inference {

class TorchScriptModel;

/// Class probabilities of one batch, laid out [item][class][position]: one position for a
/// classifier, one per sample for delineation, one per pixel (row-major) for segmentation.
struct Probabilities {
    int batch = 0;
    int classes = 0;
    std::int64_t positions = 0;
    std::vector<float> values;

    float at(int item, int cls, std::int64_t pos) const {
        return values[(std::size_t(item) * std::size_t(classes) + std::size_t(cls)) *
                          std::size_t(positions) +
                      std::size_t(pos)];
    }
    float& at(int item, int cls, std::int64_t pos) {
        return values[(std::size_t(item) * std::size_t(classes) + std::size_t(cls)) *
                          std::size_t(positions) +
                      std::size_t(pos)];
    }
    /// Index of the most probable class at (item, pos).
    int argmax(int item, std::int64_t pos) const;
    /// Entropy of the class distribution at (item, pos), normalised to 0..1 by log(classes).
    double normalisedEntropy(int item, std::int64_t pos) const;
};

/// A model loaded according to its manifest: runs batches and turns the raw output into
/// probabilities (the manifest's activation). Every error names the model ("name@version").
/// Not thread-safe: one session per job.
class ModelSession {
public:
    static Result<std::unique_ptr<ModelSession>> open(const ModelManifest& manifest);
    ~ModelSession();

    const ModelManifest& manifest() const { return m_manifest; }
    void setThreadCount(int threads);
    /// Dropout on (MC-dropout) or off (normal inference).
    Result<bool> setTrainingMode(bool training);

    /// The model's first output tensor for \a input, unchanged.
    Result<Tensor> forwardRaw(const Tensor& input);
    /// Checks \a output against the manifest: the class axis must have labels.size() entries
    /// and the spatial/temporal axes must match the input's.
    Result<bool> checkOutputShape(const Tensor& output,
                                  const std::vector<std::int64_t>& inputShape) const;
    /// Forward + shape check + activation.
    Result<Probabilities> predict(const Tensor& input);

    /// Prefixes \a message with the model id.
    Error error(const QString& message) const;

private:
    ModelSession(ModelManifest manifest, std::unique_ptr<TorchScriptModel> model);
    ModelManifest m_manifest;
    std::unique_ptr<TorchScriptModel> m_model;
};

} // namespace cardiolens::inference
