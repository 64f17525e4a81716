#include "inference/TorchScriptModel.h"

#include "inference/BackendLoader.h"
#include "inference/ModelBackend.h"

#include <QFileInfo>

namespace cardiolens::inference {

struct TorchScriptModel::Impl {
    QString path;
    std::unique_ptr<LoadedModel> model;
};

TorchScriptModel::TorchScriptModel(std::unique_ptr<Impl> impl) : d(std::move(impl)) {}
TorchScriptModel::~TorchScriptModel() = default;

Result<std::unique_ptr<TorchScriptModel>> TorchScriptModel::load(const QString& path) {
    if (!QFileInfo(path).isFile())
        return fileError(path, QStringLiteral("model file not found"));
    auto backend = BackendLoader::torch();
    if (!backend)
        return fileError(path, backend.error().message);
    auto loaded = (*backend)->load(path);
    if (!loaded)
        return loaded.error();
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    impl->model = std::move(loaded.value());
    return std::unique_ptr<TorchScriptModel>(new TorchScriptModel(std::move(impl)));
}

const QString& TorchScriptModel::path() const {
    return d->path;
}

Result<std::vector<Tensor>> TorchScriptModel::forward(const std::vector<Tensor>& inputs) {
    return d->model->forward(inputs);
}

void TorchScriptModel::setThreadCount(int threads) {
    d->model->setThreadCount(threads);
}

Result<bool> TorchScriptModel::setTrainingMode(bool training) {
    return d->model->setTrainingMode(training);
}

Result<QString> TorchScriptModel::backendVersion() {
    auto backend = BackendLoader::torch();
    if (!backend)
        return backend.error();
    return (*backend)->version();
}

} // namespace cardiolens::inference
