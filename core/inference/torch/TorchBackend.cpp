// The libtorch side of inference: loads TorchScript archives and runs them. Everything
// torch-specific stays in this file; the rest of Cardiolens sees ModelBackend and Tensor.
#include "inference/ModelBackend.h"

#include <torch/script.h>
#include <torch/version.h>

#include <ATen/Parallel.h>

#include <QFileInfo>
#include <QRegularExpression>

#include <cstring>

namespace cardiolens::inference {
namespace {
constexpr std::uint64_t kMcDropoutSeed = 20261126;

at::ScalarType toTorch(DType t) {
    switch (t) {
    case DType::Float32:
        return at::kFloat;
    case DType::Float64:
        return at::kDouble;
    case DType::Int64:
        return at::kLong;
    }
    return at::kFloat;
}

std::optional<DType> fromTorch(at::ScalarType t) {
    switch (t) {
    case at::kFloat:
        return DType::Float32;
    case at::kDouble:
        return DType::Float64;
    case at::kLong:
        return DType::Int64;
    default:
        return std::nullopt;
    }
}

// Torch's messages carry a C++ backtrace; the first lines say what matters.
QString briefTorchMessage(const std::exception& e) {
    QString msg = QString::fromUtf8(e.what());
    const QStringList lines = msg.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QStringList kept;
    for (const QString& line : lines) {
        if (line.startsWith(QLatin1String("Exception raised from")) ||
            line.contains(QLatin1String("frame #")))
            break;
        kept << line.trimmed();
        if (kept.size() >= 4)
            break;
    }
    return kept.join(QLatin1Char(' '));
}

void collectTensors(const c10::IValue& value, std::vector<at::Tensor>& out) {
    if (value.isTensor()) {
        out.push_back(value.toTensor());
    } else if (value.isTuple()) {
        for (const auto& v : value.toTupleRef().elements())
            collectTensors(v, out);
    } else if (value.isList()) {
        for (const auto& v : value.toListRef())
            collectTensors(v, out);
    } else if (value.isTensorList()) {
        for (const auto& t : value.toTensorVector())
            out.push_back(t);
    }
}

class TorchLoadedModel final : public LoadedModel {
public:
    TorchLoadedModel(torch::jit::Module module, QString name)
        : m_module(std::move(module)), m_name(std::move(name)) {
        m_module.eval();
    }

    Result<std::vector<Tensor>> forward(const std::vector<Tensor>& inputs) override {
        try {
            c10::InferenceMode guard;
            std::vector<c10::IValue> args;
            args.reserve(inputs.size());
            for (const Tensor& in : inputs) {
                auto t = torch::from_blob(const_cast<void*>(in.data()), in.shape(),
                                          torch::TensorOptions().dtype(toTorch(in.dtype())));
                args.emplace_back(t);
            }
            const c10::IValue result = m_module.forward(args);
            std::vector<at::Tensor> tensors;
            collectTensors(result, tensors);
            if (tensors.empty())
                return Error{QStringLiteral("model %1 returned no tensor").arg(m_name), {}};
            std::vector<Tensor> outputs;
            for (at::Tensor t : tensors) {
                t = t.contiguous();
                auto dtype = fromTorch(t.scalar_type());
                if (!dtype) {
                    t = t.to(at::kFloat);
                    dtype = DType::Float32;
                }
                Tensor out(*dtype, t.sizes().vec());
                std::memcpy(out.data(), t.data_ptr(), out.byteCount());
                outputs.push_back(std::move(out));
            }
            return outputs;
        } catch (const std::exception& e) {
            return Error{QStringLiteral("model %1 failed: %2").arg(m_name, briefTorchMessage(e)),
                         {}};
        }
    }

    void setThreadCount(int threads) override {
        if (threads > 0)
            at::set_num_threads(threads);
    }

    Result<bool> setTrainingMode(bool training) override {
        try {
            if (!training) {
                m_module.eval();
                return true;
            }
            // MC-dropout wants dropout active but batch-norm still on its running statistics
            // (batch statistics of a few windows would ruin the output): everything goes to
            // training mode (so F.dropout(training=self.training) works too), then every
            // batch-norm module back to eval.
            m_module.train();
            for (const auto& sub : m_module.named_modules()) {
                const auto type = sub.value.type()->name();
                if (type && type->qualifiedName().find("BatchNorm") != std::string::npos)
                    torch::jit::Module(sub.value).eval(); // A handle: same object.
            }
            // Fixed seed: the same case gives the same MC-dropout result on every run (for
            // the same batching), so cached and fresh uncertainty scores agree.
            torch::manual_seed(kMcDropoutSeed);
            return true;
        } catch (const std::exception& e) {
            return Error{
                QStringLiteral("model %1 cannot switch mode: %2").arg(m_name, briefTorchMessage(e)),
                {}};
        }
    }

private:
    torch::jit::Module m_module;
    QString m_name;
};

class TorchBackend final : public ModelBackend {
public:
    QString name() const override { return QStringLiteral("libtorch"); }
    QString version() const override { return QStringLiteral(TORCH_VERSION); }

    Result<std::unique_ptr<LoadedModel>> load(const QString& path) override {
        const QString name = QFileInfo(path).fileName();
        try {
            auto module = torch::jit::load(path.toStdString(), torch::kCPU);
            return std::unique_ptr<LoadedModel>(new TorchLoadedModel(std::move(module), name));
        } catch (const std::exception& e) {
            return fileError(path,
                             QStringLiteral("cannot load TorchScript model %1 with libtorch %2: %3")
                                 .arg(name, version(), briefTorchMessage(e)));
        }
    }
};

} // namespace
} // namespace cardiolens::inference

extern "C" __attribute__((visibility("default"))) cardiolens::inference::ModelBackend*
cardiolens_model_backend() {
    static cardiolens::inference::TorchBackend backend;
    return &backend;
}
