#include "inference/SegmentationInference.h"

#include "imaging/CardiacLabel.h"
#include "inference/EnsemblePrediction.h"
#include "inference/MaskPostprocess.h"
#include "inference/SegmentationAgreement.h"
#include "inference/SegmentationFigures.h"

#include <QElapsedTimer>
#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>

namespace cardiolens::inference {

std::vector<float> resizeBilinear(std::span<const float> in, int width, int height, int outW,
                                  int outH) {
    std::vector<float> out(std::size_t(outW) * std::size_t(outH));
    const double sx = double(width) / outW, sy = double(height) / outH;
    for (int y = 0; y < outH; ++y) {
        const double fy = std::clamp((y + 0.5) * sy - 0.5, 0.0, double(height - 1));
        const int y0 = int(fy), y1 = std::min(y0 + 1, height - 1);
        const float wy = float(fy - y0);
        for (int x = 0; x < outW; ++x) {
            const double fx = std::clamp((x + 0.5) * sx - 0.5, 0.0, double(width - 1));
            const int x0 = int(fx), x1 = std::min(x0 + 1, width - 1);
            const float wx = float(fx - x0);
            auto at = [&](int xx, int yy) {
                return in[std::size_t(yy) * std::size_t(width) + std::size_t(xx)];
            };
            out[std::size_t(y) * std::size_t(outW) + std::size_t(x)] =
                (1 - wy) * ((1 - wx) * at(x0, y0) + wx * at(x1, y0)) +
                wy * ((1 - wx) * at(x0, y1) + wx * at(x1, y1));
        }
    }
    return out;
}

void normaliseFrame(std::span<float> f, const InputContract& c) {
    if (f.empty() || c.normalisation == Normalisation::None)
        return;
    if (c.normalisation == Normalisation::ZScore) {
        double sum = 0, sq = 0;
        for (float v : f) {
            sum += v;
            sq += double(v) * v;
        }
        const double mean = sum / double(f.size());
        const double sd = std::sqrt(std::max(0.0, sq / double(f.size()) - mean * mean));
        for (float& v : f)
            v = float((v - mean) / (sd > 1e-6 ? sd : 1.0));
        return;
    }
    float lo, hi;
    if (c.normalisation == Normalisation::Percentile) {
        std::vector<float> sorted(f.begin(), f.end());
        const auto pick = [&](double pct) {
            const std::size_t k = std::min(
                sorted.size() - 1, std::size_t(pct / 100.0 * double(sorted.size() - 1) + 0.5));
            std::nth_element(sorted.begin(), sorted.begin() + std::ptrdiff_t(k), sorted.end());
            return sorted[k];
        };
        lo = pick(c.normLow);
        hi = pick(c.normHigh);
    } else {
        const auto [a, b] = std::minmax_element(f.begin(), f.end());
        lo = *a;
        hi = *b;
    }
    const float range = hi - lo;
    for (float& v : f)
        v = range > 1e-6f ? std::clamp((v - lo) / range, 0.0f, 1.0f) : 0.0f;
}

Result<InferenceResult> runSegmentation(ModelSession& session, const imaging::CineVolume& image,
                                        const JobControl& control,
                                        const SegmentationOptions& options) {
    const ModelManifest& m = session.manifest();
    if (m.task != ModelTask::Segmentation2d)
        return session.error(
            QStringLiteral("is a %1 model, not a segmentation model").arg(taskName(m.task)));
    if (image.isEmpty())
        return session.error(QStringLiteral("the image is empty"));
    QElapsedTimer timer;
    timer.start();
    auto labelsResult = imaging::LabelVolume::like(image);
    if (!labelsResult)
        return labelsResult.error();
    auto labels = std::make_shared<imaging::LabelVolume>(std::move(labelsResult.value()));

    // Output class -> internal label value.
    std::vector<std::uint8_t> toInternal(m.labels.size(), 0);
    for (const OutputLabel& l : m.labels) {
        bool ok = false;
        const auto internal = imaging::cardiacLabelFromKey(l.code, &ok);
        toInternal[std::size_t(l.index)] = ok ? imaging::labelValue(internal) : 0;
    }

    const int w = image.width(), h = image.height();
    const int mw = m.input.width, mh = m.input.height;
    const int slices = image.slices(), phases = image.phases();
    std::vector<std::pair<int, int>> frames; // (slice, phase), phase-major
    for (int p = 0; p < phases; ++p)
        for (int s = 0; s < slices; ++s)
            frames.emplace_back(s, p);
    if (options.maxFrames >= 0 && std::size_t(options.maxFrames) < frames.size())
        frames.resize(std::size_t(options.maxFrames));
    const int batchSize =
        m.input.shape[0] > 0 ? int(m.input.shape[0]) : std::max(1, options.batchSize);
    // Per-frame score by frame index (phase * slices + slice); NaN = not segmented.
    std::vector<double> frameScore(image.extent().frameCount(), std::nan(""));
    std::vector<float> frame(std::size_t(w) * std::size_t(h));
    std::vector<std::uint8_t> small(std::size_t(mw) * std::size_t(mh));
    std::size_t done = 0;

    // Segments \a list in batches, reporting progress over all frames.
    auto segment = [&](const std::vector<std::pair<int, int>>& list) -> std::optional<Error> {
        for (std::size_t first = 0; first < list.size(); first += std::size_t(batchSize)) {
            if (control.isCancelled())
                return Error{cancelledMessage(), {}};
            const int n = int(std::min(std::size_t(batchSize), list.size() - first));
            Tensor t(m.input.dtype, {n, 1, mh, mw});
            for (int i = 0; i < n; ++i) {
                const auto [s, p] = list[first + std::size_t(i)];
                for (int y = 0; y < h; ++y)
                    for (int x = 0; x < w; ++x)
                        frame[std::size_t(y) * std::size_t(w) + std::size_t(x)] =
                            float(image.valueAt(x, y, s, p));
                // Intensities are normalised on the original frame (its statistics), then
                // resized.
                normaliseFrame(frame, m.input);
                std::vector<float> resized =
                    (w == mw && h == mh) ? frame : resizeBilinear(frame, w, h, mw, mh);
                const std::size_t offset = std::size_t(i) * resized.size();
                if (t.dtype() == DType::Float64)
                    std::copy(resized.begin(), resized.end(),
                              static_cast<double*>(t.data()) + offset);
                else
                    std::copy(resized.begin(), resized.end(),
                              static_cast<float*>(t.data()) + offset);
            }
            auto prob = predictWithUncertainty(session, t);
            if (!prob)
                return prob.error();
            for (int i = 0; i < n; ++i) {
                const auto [s, p] = list[first + std::size_t(i)];
                double frameEntropy = 0;
                std::int64_t foreground = 0;
                for (std::int64_t k = 0; k < prob->positions; ++k) {
                    const int cls = prob->argmax(i, k);
                    small[std::size_t(k)] = toInternal[std::size_t(cls)];
                    // Uncertainty over the pixels the model calls foreground (background
                    // dominates).
                    if (small[std::size_t(k)] != 0) {
                        frameEntropy += prob->normalisedEntropy(i, k);
                        ++foreground;
                    }
                }
                if (options.postprocess)
                    postprocessMask(small, mw, mh);
                auto out = labels->frame(s, p);
                for (int y = 0; y < h; ++y) {
                    const int sy = std::min(mh - 1, int((y + 0.5) * mh / h));
                    for (int x = 0; x < w; ++x) {
                        const int sx = std::min(mw - 1, int((x + 0.5) * mw / w));
                        out.at(x, y) = small[std::size_t(sy) * std::size_t(mw) + std::size_t(sx)];
                    }
                }
                frameScore[image.frameIndex(s, p)] =
                    foreground ? frameEntropy / double(foreground) : 0.0;
            }
            done += std::size_t(n);
            control.report(double(done) / double(frames.size()),
                           QStringLiteral("segmenting frames"));
        }
        return std::nullopt;
    };

    const bool edEsFirst = options.edEsFirst && options.maxFrames < 0 && slices > 1 && phases > 1;
    std::optional<Error> failed;
    if (!edEsFirst) {
        failed = segment(frames);
    } else {
        const int mid = slices / 2;
        std::vector<std::pair<int, int>> stage;
        for (int s = 0; s < slices; ++s)
            stage.emplace_back(s, 0);
        for (int p = 1; p < phases; ++p)
            stage.emplace_back(mid, p);
        failed = segment(stage);
        // ES = the phase whose middle slice holds the smallest LV blood pool.
        const std::uint8_t blood = imaging::labelValue(imaging::CardiacLabel::LvBloodPool);
        int es = 1;
        std::ptrdiff_t smallest = -1;
        for (int p = 1; p < phases && !failed; ++p) {
            const auto px = std::as_const(*labels).frame(mid, p).pixels();
            const std::ptrdiff_t area = std::count(px.begin(), px.end(), blood);
            if (area > 0 && (smallest < 0 || area < smallest)) {
                smallest = area;
                es = p;
            }
        }
        stage.clear();
        for (int s = 0; s < slices; ++s)
            if (s != mid)
                stage.emplace_back(s, es);
        if (!failed)
            failed = segment(stage);
        if (!failed) {
            control.report(double(done) / double(frames.size()),
                           QStringLiteral("ED and ES segmented"));
            if (options.edEsReady)
                options.edEsReady(*labels, 0, es);
            stage.clear();
            for (const auto& [s, p] : frames)
                if (p != 0 && p != es && s != mid)
                    stage.emplace_back(s, p);
            failed = segment(stage);
        }
    }
    if (failed)
        return *failed;
    double entropySum = 0;
    QJsonArray perFrame;
    for (const double score : frameScore)
        if (!std::isnan(score)) {
            entropySum += score;
            perFrame.append(score);
        }
    InferenceResult result;
    result.modelId = m.id();
    result.task = taskName(m.task);
    result.labels = labels;
    result.items = int(frames.size());
    result.uncertainty = frames.empty() ? 0.0 : entropySum / double(frames.size());
    result.uncertaintyMethod = uncertaintyMethodName(m.uncertainty);
    result.details[QStringLiteral("frame_uncertainty")] = perFrame;
    // Clinical figures from complete phases only (maxFrames may stop mid-phase).
    const int phasesDone = int(frames.size() / std::size_t(slices));
    const QJsonObject figures = segmentationFigures(*labels, image, phasesDone);
    for (auto it = figures.begin(); it != figures.end(); ++it)
        result.details[it.key()] = it.value();
    if (!options.referencePath.isEmpty()) {
        // A missing or mismatched reference is reported, not fatal: the prediction stands.
        auto reference =
            options.referencePath == QLatin1String("auto")
                ? findReference(image)
                : loadReference(options.referencePath, image, options.referenceConvention);
        auto agreement = reference ? compareSegmentation(*labels, *reference)
                                   : Result<SegmentationAgreement>(reference.error());
        if (agreement)
            result.details[QStringLiteral("agreement")] = agreement->toJson();
        else
            result.details[QStringLiteral("agreement_error")] = agreement.error().describe();
    }
    result.elapsedMs = double(timer.nsecsElapsed()) / 1e6;
    control.report(1.0, QStringLiteral("done"));
    return result;
}

} // namespace cardiolens::inference
