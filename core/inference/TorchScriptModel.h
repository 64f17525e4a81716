#pragma once

#include "common/Result.h"
#include "inference/Tensor.h"

#include <memory>
#include <vector>

namespace cardiolens::inference {

class LoadedModel;

/// A TorchScript model file loaded for inference. Torch stays behind this pimpl (and
/// behind the plugin boundary): including this header costs nothing.
class TorchScriptModel {
public:
    static Result<std::unique_ptr<TorchScriptModel>> load(const QString& path);
    ~TorchScriptModel();

    TorchScriptModel(const TorchScriptModel&) = delete;
    TorchScriptModel& operator=(const TorchScriptModel&) = delete;

    const QString& path() const;
    Result<std::vector<Tensor>> forward(const std::vector<Tensor>& inputs);
    void setThreadCount(int threads);
    /// Dropout active (true, for MC-dropout) or inference behaviour (false, the default).
    Result<bool> setTrainingMode(bool training);

    /// Version of libtorch behind the plugin, or an error if the plugin cannot load.
    static Result<QString> backendVersion();

private:
    struct Impl;
    explicit TorchScriptModel(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> d;
};

} // namespace cardiolens::inference
