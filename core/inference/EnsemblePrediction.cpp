#include "inference/EnsemblePrediction.h"

#include <cstring>

namespace cardiolens::inference {

Tensor flipWidth(const Tensor& input) {
    Tensor out(input.dtype(), input.shape());
    const std::size_t es = Tensor::elementSize(input.dtype());
    const std::int64_t w = input.shape().back();
    const std::int64_t rows = input.elementCount() / w;
    const auto* src = static_cast<const std::byte*>(input.data());
    auto* dst = static_cast<std::byte*>(out.data());
    for (std::int64_t r = 0; r < rows; ++r)
        for (std::int64_t x = 0; x < w; ++x)
            std::memcpy(dst + std::size_t(r * w + (w - 1 - x)) * es,
                        src + std::size_t(r * w + x) * es, es);
    return out;
}

Result<Probabilities> predictWithUncertainty(ModelSession& session, const Tensor& input) {
    const ModelManifest& m = session.manifest();
    if (m.uncertainty == UncertaintyMethod::McDropout && m.uncertaintyPasses > 1) {
        auto on = session.setTrainingMode(true);
        if (!on)
            return on.error();
        Probabilities mean;
        for (int pass = 0; pass < m.uncertaintyPasses; ++pass) {
            auto p = session.predict(input);
            if (!p) {
                (void)session.setTrainingMode(false);
                return p.error();
            }
            if (pass == 0)
                mean = std::move(p.value());
            else
                for (std::size_t i = 0; i < mean.values.size(); ++i)
                    mean.values[i] += p->values[i];
        }
        (void)session.setTrainingMode(false);
        for (float& v : mean.values)
            v /= float(m.uncertaintyPasses);
        return mean;
    }
    auto p = session.predict(input);
    if (!p || m.uncertainty != UncertaintyMethod::FlipTta || input.shape().size() != 4)
        return p;
    auto flipped = session.predict(flipWidth(input));
    if (!flipped)
        return flipped.error();
    Probabilities& a = p.value();
    const std::int64_t w = input.shape().back();
    const std::int64_t rows = a.positions / w;
    for (int b = 0; b < a.batch; ++b)
        for (int c = 0; c < a.classes; ++c)
            for (std::int64_t r = 0; r < rows; ++r)
                for (std::int64_t x = 0; x < w; ++x)
                    a.at(b, c, r * w + x) =
                        0.5f * (a.at(b, c, r * w + x) + flipped->at(b, c, r * w + (w - 1 - x)));
    return p;
}

} // namespace cardiolens::inference
