#pragma once

#include "common/Result.h"
#include "inference/Tensor.h"

#include <memory>
#include <vector>

namespace cardiolens::inference {

/// A loaded model, as the torch plugin hands it out.
class LoadedModel {
public:
    virtual ~LoadedModel() = default;
    /// Runs the model's forward method. Errors (shape mismatch, a throwing model) come back
    /// as an Error naming the model; they never escape as exceptions.
    virtual Result<std::vector<Tensor>> forward(const std::vector<Tensor>& inputs) = 0;
    /// Threads used for intra-op parallelism.
    virtual void setThreadCount(int threads) = 0;
    /// Switches dropout/batch-norm to training behaviour (MC-dropout) or back to eval.
    /// Switching on reseeds the random generator with a fixed seed: MC-dropout repeats.
    virtual Result<bool> setTrainingMode(bool training) = 0;
};

/// What the plugin implements. The app and core talk to torch only through this.
class ModelBackend {
public:
    virtual ~ModelBackend() = default;
    virtual QString name() const = 0;
    virtual QString version() const = 0;
    virtual Result<std::unique_ptr<LoadedModel>> load(const QString& path) = 0;
};

} // namespace cardiolens::inference

/// Symbol the plugin exports; returns a process-lifetime backend (never freed by callers).
#define CARDIOLENS_BACKEND_ENTRY "cardiolens_model_backend"
extern "C" {
using CardiolensBackendEntry = cardiolens::inference::ModelBackend* (*)();
}
