#include "inference/ModelSession.h"

#include "inference/TorchScriptModel.h"

#include <QFileInfo>

#include <algorithm>
#include <cmath>

namespace cardiolens::inference {

int Probabilities::argmax(int item, std::int64_t pos) const {
    int best = 0;
    for (int c = 1; c < classes; ++c)
        if (at(item, c, pos) > at(item, best, pos))
            best = c;
    return best;
}

double Probabilities::normalisedEntropy(int item, std::int64_t pos) const {
    if (classes < 2)
        return 0.0;
    double h = 0;
    for (int c = 0; c < classes; ++c) {
        const double p = at(item, c, pos);
        if (p > 1e-12)
            h -= p * std::log(p);
    }
    return h / std::log(double(classes));
}

ModelSession::ModelSession(ModelManifest manifest, std::unique_ptr<TorchScriptModel> model)
    : m_manifest(std::move(manifest)), m_model(std::move(model)) {}
ModelSession::~ModelSession() = default;

Error ModelSession::error(const QString& message) const {
    return Error{QStringLiteral("model %1: %2").arg(m_manifest.id(), message),
                 m_manifest.modelPath};
}

Result<std::unique_ptr<ModelSession>> ModelSession::open(const ModelManifest& manifest) {
    if (!QFileInfo::exists(manifest.modelPath))
        return Error{QStringLiteral("model %1: model file %2 not found (named by %3)")
                         .arg(manifest.id(), manifest.file, manifest.manifestPath),
                     manifest.modelPath};
    auto model = TorchScriptModel::load(manifest.modelPath);
    if (!model)
        return Error{QStringLiteral("model %1: %2").arg(manifest.id(), model.error().message),
                     manifest.modelPath};
    return std::unique_ptr<ModelSession>(new ModelSession(manifest, std::move(model.value())));
}

void ModelSession::setThreadCount(int threads) {
    m_model->setThreadCount(threads);
}

Result<bool> ModelSession::setTrainingMode(bool training) {
    auto r = m_model->setTrainingMode(training);
    if (!r)
        return error(r.error().message);
    return r;
}

Result<Tensor> ModelSession::forwardRaw(const Tensor& input) {
    auto out = m_model->forward({input});
    if (!out)
        return error(out.error().message);
    return std::move(out->front());
}

Result<bool> ModelSession::checkOutputShape(const Tensor& output,
                                            const std::vector<std::int64_t>& in) const {
    const auto& s = output.shape();
    const std::int64_t classes = std::int64_t(m_manifest.labels.size());
    const QString got = output.shapeString();
    auto mismatch = [&](const QString& expected) {
        return error(QStringLiteral("output shape %1 does not match the manifest (expected %2 for "
                                    "input %3 and %4 labels)")
                         .arg(got, expected, Tensor(DType::Float32, in).shapeString())
                         .arg(classes));
    };
    const std::int64_t batch = in.empty() ? 1 : in[0];
    switch (m_manifest.task) {
    case ModelTask::EcgRecordClassification:
    case ModelTask::EcgBeatClassification:
        if (!(s.size() == 2 && s[0] == batch && s[1] == classes) &&
            !(batch == 1 && s.size() == 1 && s[0] == classes))
            return mismatch(QStringLiteral("(batch, classes)"));
        return true;
    case ModelTask::EcgDelineation:
        if (!(s.size() == 3 && s[0] == batch && s[1] == classes && s[2] == in.back()) &&
            !(batch == 1 && s.size() == 2 && s[0] == classes && s[1] == in.back()))
            return mismatch(QStringLiteral("(batch, classes, samples)"));
        return true;
    case ModelTask::Segmentation2d:
        if (!(s.size() == 4 && s[0] == batch && s[1] == classes && s[2] == in[2] &&
              s[3] == in[3]) &&
            !(batch == 1 && s.size() == 3 && s[0] == classes && s[1] == in[2] && s[2] == in[3]))
            return mismatch(QStringLiteral("(batch, classes, height, width)"));
        return true;
    }
    return true;
}

Result<Probabilities> ModelSession::predict(const Tensor& input) {
    auto out = forwardRaw(input);
    if (!out)
        return out.error();
    auto ok = checkOutputShape(*out, input.shape());
    if (!ok)
        return ok.error();
    Probabilities p;
    p.batch = int(input.shape().front());
    p.classes = int(m_manifest.labels.size());
    p.positions = out->elementCount() / (std::int64_t(p.batch) * p.classes);
    p.values.resize(std::size_t(out->elementCount()));
    for (std::int64_t i = 0; i < out->elementCount(); ++i)
        p.values[std::size_t(i)] = float(out->valueAt(i));
    for (float v : p.values)
        if (!std::isfinite(v))
            return error(QStringLiteral("output holds non-finite values"));
    if (m_manifest.activation == Activation::Sigmoid) {
        for (float& v : p.values)
            v = 1.0f / (1.0f + std::exp(-v));
    } else if (m_manifest.activation == Activation::Softmax) {
        for (int b = 0; b < p.batch; ++b)
            for (std::int64_t pos = 0; pos < p.positions; ++pos) {
                float mx = p.at(b, 0, pos);
                for (int c = 1; c < p.classes; ++c)
                    mx = std::max(mx, p.at(b, c, pos));
                float sum = 0;
                for (int c = 0; c < p.classes; ++c)
                    sum += (p.at(b, c, pos) = std::exp(p.at(b, c, pos) - mx));
                for (int c = 0; c < p.classes; ++c)
                    p.at(b, c, pos) /= sum;
            }
    }
    return p;
}

} // namespace cardiolens::inference
