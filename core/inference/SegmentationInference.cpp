#include "inference/SegmentationInference.h"

#include "imaging/CardiacLabel.h"
#include "imaging/EdEsPhases.h"
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

namespace {

using FrameList = std::vector<std::pair<int, int>>; // (slice, phase)

// One segmentation run: the batches, the labels they fill and each frame's uncertainty.
class SegmentationJob {
public:
    SegmentationJob(ModelSession& session, const imaging::CineVolume& image,
                    const JobControl& control, const SegmentationOptions& options,
                    std::shared_ptr<imaging::LabelVolume> labels, std::size_t totalFrames)
        : m_session(session), m_m(session.manifest()), m_image(image), m_control(control),
          m_options(options), m_labels(std::move(labels)), m_totalFrames(totalFrames),
          m_frameScore(image.extent().frameCount(), std::nan("")),
          m_frame(image.extent().pixelsPerFrame()),
          m_small(std::size_t(m_m.input.width) * std::size_t(m_m.input.height)) {
        // Output class -> internal label value.
        m_toInternal.assign(m_m.labels.size(), 0);
        for (const OutputLabel& l : m_m.labels) {
            bool ok = false;
            const auto internal = imaging::cardiacLabelFromKey(l.code, &ok);
            m_toInternal[std::size_t(l.index)] = ok ? imaging::labelValue(internal) : 0;
        }
        m_batchSize =
            m_m.input.shape[0] > 0 ? int(m_m.input.shape[0]) : std::max(1, options.batchSize);
    }

    /// Segments \a list in batches, reporting progress over all frames of the run.
    std::optional<Error> segment(const FrameList& list) {
        for (std::size_t first = 0; first < list.size(); first += std::size_t(m_batchSize)) {
            if (m_control.isCancelled())
                return Error{cancelledMessage(), {}};
            const int n = int(std::min(std::size_t(m_batchSize), list.size() - first));
            const FrameList batch(list.begin() + std::ptrdiff_t(first),
                                  list.begin() + std::ptrdiff_t(first) + n);
            auto prob = predictWithUncertainty(m_session, inputTensor(batch));
            if (!prob)
                return prob.error();
            for (int i = 0; i < n; ++i)
                store(*prob, i, batch[std::size_t(i)]);
            m_done += std::size_t(n);
            report(QStringLiteral("segmenting frames"));
        }
        return std::nullopt;
    }

    void report(const QString& stage) const {
        m_control.report(double(m_done) / double(m_totalFrames), stage);
    }
    /// Pixels of the LV blood pool in frame (slice, phase) as segmented so far.
    double lvPixels(int slice, int phase) const {
        const std::uint8_t blood = imaging::labelValue(imaging::CardiacLabel::LvBloodPool);
        const auto px = std::as_const(*m_labels).frame(slice, phase).pixels();
        return double(std::count(px.begin(), px.end(), blood));
    }
    /// Mean per-frame uncertainty and the per-frame scores, in frame order.
    std::pair<double, QJsonArray> uncertainty() const {
        double sum = 0;
        QJsonArray perFrame;
        for (const double score : m_frameScore)
            if (!std::isnan(score)) {
                sum += score;
                perFrame.append(score);
            }
        return {m_done ? sum / double(m_done) : 0.0, perFrame};
    }

private:
    // Each frame normalised on its own statistics, then resized to the model's grid.
    Tensor inputTensor(const FrameList& batch) {
        const int w = m_image.width(), h = m_image.height();
        const int mw = m_m.input.width, mh = m_m.input.height;
        Tensor t(m_m.input.dtype, {std::int64_t(batch.size()), 1, mh, mw});
        for (std::size_t i = 0; i < batch.size(); ++i) {
            const auto [s, p] = batch[i];
            for (int y = 0; y < h; ++y)
                for (int x = 0; x < w; ++x)
                    m_frame[std::size_t(y) * std::size_t(w) + std::size_t(x)] =
                        float(m_image.valueAt(x, y, s, p));
            normaliseFrame(m_frame, m_m.input);
            const std::vector<float> resized =
                (w == mw && h == mh) ? m_frame : resizeBilinear(m_frame, w, h, mw, mh);
            const std::size_t offset = i * resized.size();
            if (t.dtype() == DType::Float64)
                std::copy(resized.begin(), resized.end(), static_cast<double*>(t.data()) + offset);
            else
                std::copy(resized.begin(), resized.end(), static_cast<float*>(t.data()) + offset);
        }
        return t;
    }

    // Batch item \a i: argmax labels (post-processed), mapped back to the frame's grid by
    // nearest neighbour, and the frame's uncertainty.
    void store(const Probabilities& prob, int i, std::pair<int, int> frame) {
        const auto [s, p] = frame;
        const int w = m_image.width(), h = m_image.height();
        const int mw = m_m.input.width, mh = m_m.input.height;
        double frameEntropy = 0;
        std::int64_t foreground = 0;
        for (std::int64_t k = 0; k < prob.positions; ++k) {
            const int cls = prob.argmax(i, k);
            m_small[std::size_t(k)] = m_toInternal[std::size_t(cls)];
            // Uncertainty over the pixels the model calls foreground (background dominates).
            if (m_small[std::size_t(k)] != 0) {
                frameEntropy += prob.normalisedEntropy(i, k);
                ++foreground;
            }
        }
        if (m_options.postprocess)
            postprocessMask(m_small, mw, mh);
        auto out = m_labels->frame(s, p);
        for (int y = 0; y < h; ++y) {
            const int sy = std::min(mh - 1, int((y + 0.5) * mh / h));
            for (int x = 0; x < w; ++x) {
                const int sx = std::min(mw - 1, int((x + 0.5) * mw / w));
                out.at(x, y) = m_small[std::size_t(sy) * std::size_t(mw) + std::size_t(sx)];
            }
        }
        m_frameScore[m_image.frameIndex(s, p)] =
            foreground ? frameEntropy / double(foreground) : 0.0;
    }

    ModelSession& m_session;
    const ModelManifest& m_m;
    const imaging::CineVolume& m_image;
    const JobControl& m_control;
    const SegmentationOptions& m_options;
    std::shared_ptr<imaging::LabelVolume> m_labels;
    std::size_t m_totalFrames;
    std::vector<double> m_frameScore; // By frame index; NaN = not segmented.
    std::vector<float> m_frame;
    std::vector<std::uint8_t> m_small;
    std::vector<std::uint8_t> m_toInternal;
    int m_batchSize = 1;
    std::size_t m_done = 0;
};

// Every (slice, phase), phase-major, cut to maxFrames when set.
FrameList frameOrder(const imaging::CineVolume& image, int maxFrames) {
    FrameList frames;
    for (int p = 0; p < image.phases(); ++p)
        for (int s = 0; s < image.slices(); ++s)
            frames.emplace_back(s, p);
    if (maxFrames >= 0 && std::size_t(maxFrames) < frames.size())
        frames.resize(std::size_t(maxFrames));
    return frames;
}

// ED and ES before the rest: the middle slice of every phase picks them (edEsByLvSize on its
// LV blood pool, the definition the figures use on whole volumes), then their other slices,
// then everything else.
std::optional<Error> segmentEdEsFirst(SegmentationJob& job, const imaging::LabelVolume& labels,
                                      const FrameList& frames, const SegmentationOptions& options) {
    const int slices = labels.extent().slices, phases = labels.extent().phases;
    const int mid = slices / 2;
    FrameList stage;
    for (int p = 0; p < phases; ++p)
        stage.emplace_back(mid, p);
    if (auto failed = job.segment(stage))
        return failed;
    std::vector<double> midPool;
    for (int p = 0; p < phases; ++p)
        midPool.push_back(job.lvPixels(mid, p));
    imaging::EdEsPhases edEs = imaging::edEsByLvSize(midPool);
    if (!edEs.isValid())
        edEs = {0, 0}; // No LV in the middle slice: nothing to prefer.
    stage.clear();
    for (int p : {edEs.ed, edEs.es})
        for (int s = 0; s < slices; ++s)
            if (s != mid && (p == edEs.ed || edEs.es != edEs.ed))
                stage.emplace_back(s, p);
    if (auto failed = job.segment(stage))
        return failed;
    job.report(QStringLiteral("ED and ES segmented"));
    if (options.edEsReady)
        options.edEsReady(labels, edEs.ed, edEs.es);
    stage.clear();
    for (const auto& [s, p] : frames)
        if (p != edEs.ed && p != edEs.es && s != mid)
            stage.emplace_back(s, p);
    return job.segment(stage);
}

// Clinical figures (complete phases only) and, when asked, the agreement with a reference.
void addFigures(InferenceResult& result, const imaging::CineVolume& image,
                const imaging::LabelVolume& labels, std::size_t framesDone,
                const SegmentationOptions& options) {
    const int phasesDone = int(framesDone / std::size_t(image.slices()));
    const QJsonObject figures = segmentationFigures(labels, image, phasesDone);
    for (auto it = figures.begin(); it != figures.end(); ++it)
        result.details[it.key()] = it.value();
    if (options.referencePath.isEmpty())
        return;
    // A missing or mismatched reference is reported, not fatal: the prediction stands.
    auto reference = options.referencePath == QLatin1String("auto")
                         ? findReference(image)
                         : loadReference(options.referencePath, image, options.referenceConvention);
    auto agreement = reference ? compareSegmentation(labels, *reference)
                               : Result<SegmentationAgreement>(reference.error());
    if (agreement)
        result.details[QStringLiteral("agreement")] = agreement->toJson();
    else
        result.details[QStringLiteral("agreement_error")] = agreement.error().describe();
}

} // namespace

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

    const FrameList frames = frameOrder(image, options.maxFrames);
    SegmentationJob job(session, image, control, options, labels, frames.size());
    const bool edEsFirst =
        options.edEsFirst && options.maxFrames < 0 && image.slices() > 1 && image.phases() > 1;
    if (auto failed =
            edEsFirst ? segmentEdEsFirst(job, *labels, frames, options) : job.segment(frames))
        return *failed;

    InferenceResult result;
    result.modelId = m.id();
    result.task = taskName(m.task);
    result.labels = labels;
    result.items = int(frames.size());
    const auto [uncertainty, perFrame] = job.uncertainty();
    result.uncertainty = uncertainty;
    result.uncertaintyMethod = uncertaintyMethodName(m.uncertainty);
    result.details[QStringLiteral("frame_uncertainty")] = perFrame;
    addFigures(result, image, *labels, frames.size(), options);
    result.elapsedMs = double(timer.nsecsElapsed()) / 1e6;
    control.report(1.0, QStringLiteral("done"));
    return result;
}

} // namespace cardiolens::inference
