#include "inference/EcgInference.h"

#include "ecg/MitAnnotationIO.h"
#include "ecg/dsp/RecordQrs.h"
#include "inference/BeatRrFeatures.h"
#include "inference/EnsemblePrediction.h"
#include "inference/RhythmEpisodes.h"

#include <QElapsedTimer>
#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <limits>

namespace cardiolens::inference {

namespace {

int findLead(const ecg::EcgRecord& record, const QString& name) {
    if (name.compare(QLatin1String("any"), Qt::CaseInsensitive) == 0)
        return record.leadCount() > 0 ? 0 : -1;
    for (int i = 0; i < record.leadCount(); ++i)
        if (record.leads[std::size_t(i)].name.compare(name, Qt::CaseInsensitive) == 0)
            return i;
    // MIT-BIH calls lead II "MLII" (modified limb lead).
    for (int i = 0; i < record.leadCount(); ++i)
        if (record.leads[std::size_t(i)].name.compare(QLatin1String("ML") + name,
                                                      Qt::CaseInsensitive) == 0)
            return i;
    return -1;
}

void normalise(std::span<float> x, Normalisation method) {
    if (method == Normalisation::None || x.empty())
        return;
    if (method == Normalisation::ZScore) {
        double sum = 0, sq = 0;
        for (float v : x) {
            sum += v;
            sq += double(v) * v;
        }
        const double mean = sum / double(x.size());
        const double sd = std::sqrt(std::max(0.0, sq / double(x.size()) - mean * mean));
        for (float& v : x)
            v = float((v - mean) / (sd > 1e-6 ? sd : 1.0));
        return;
    }
    const auto [lo, hi] = std::minmax_element(x.begin(), x.end());
    const float l = *lo, range = *hi - *lo;
    for (float& v : x)
        v = range > 1e-6f ? (v - l) / range : 0.0f;
}

// Fills rows [item] of a (batch, leads, window) tensor with the window starting at \a start.
// Fills the first \a w values of each lead row of batch item \a item; a row may hold more
// (RR features after the window).
void fillWindow(Tensor& t, int item, const std::vector<std::vector<float>>& leads,
                std::int64_t start, std::int64_t w, Normalisation norm) {
    const std::int64_t row = t.shape()[2];
    std::vector<float> buf(std::size_t(w), 0.0f);
    for (std::size_t l = 0; l < leads.size(); ++l) {
        const auto& s = leads[l];
        for (std::int64_t i = 0; i < w; ++i) {
            const std::int64_t j = start + i;
            buf[std::size_t(i)] = (j >= 0 && j < std::int64_t(s.size())) ? s[std::size_t(j)] : 0.0f;
        }
        normalise(buf, norm);
        const std::size_t offset = (std::size_t(item) * leads.size() + l) * std::size_t(row);
        if (t.dtype() == DType::Float64) {
            auto* d = static_cast<double*>(t.data()) + offset;
            for (std::int64_t i = 0; i < w; ++i)
                d[i] = buf[std::size_t(i)];
        } else {
            std::copy(buf.begin(), buf.end(), static_cast<float*>(t.data()) + offset);
        }
    }
}

// Writes \a count values after the first \a w of each lead row of batch item \a item.
void setTail(Tensor& t, int item, std::size_t leads, std::int64_t w, const float* values,
             std::size_t count) {
    const std::size_t row = std::size_t(t.shape()[2]);
    for (std::size_t l = 0; l < leads; ++l) {
        const std::size_t offset = (std::size_t(item) * leads + l) * row + std::size_t(w);
        for (std::size_t k = 0; k < count; ++k) {
            if (t.dtype() == DType::Float64)
                static_cast<double*>(t.data())[offset + k] = values[k];
            else
                static_cast<float*>(t.data())[offset + k] = values[k];
        }
    }
}

int mitCodeOf(const OutputLabel& label) {
    const int code = ecg::AnnotationCodes::fromMnemonic(label.code);
    return code > 0 ? code : int(ecg::AnnotationCodes::Unknown);
}

Result<std::vector<std::int64_t>> beatFrames(const ecg::EcgRecord& record,
                                             const EcgInferenceOptions& options, QString& source) {
    if (options.beats != BeatSource::Detector) {
        for (const auto& set : record.annotations)
            if (set.annotator == options.referenceAnnotator) {
                source = QStringLiteral("annotations:") + set.annotator;
                return ecg::referenceBeats(set);
            }
        auto set = ecg::MitAnnotationIO::read(record.sourcePath, options.referenceAnnotator);
        if (set) {
            source = QStringLiteral("annotations:") + options.referenceAnnotator;
            return ecg::referenceBeats(*set);
        }
        if (options.beats == BeatSource::Annotations)
            return set.error();
    }
    auto qrs = ecg::detectRecordQrs(record);
    if (!qrs)
        return qrs.error();
    source = QStringLiteral("qrs-detector");
    std::vector<std::int64_t> frames;
    for (const auto& b : qrs->beats)
        frames.push_back(b.sample);
    return frames;
}

// The models are trained on linearly interpolated signals (numpy.interp onto t = k * fsIn /
// fsOut, no anti-alias filter); a band-limited resampler gives measurably different inputs
// (rhythm-af: P(AF) 0.0006 instead of 0.17 on CinC 2021 E07500), so inference does the same.
std::vector<float> linearResample(const std::vector<float>& x, double fsIn, double fsOut) {
    if (x.empty())
        return {};
    const std::size_t n = std::size_t(std::floor(double(x.size() - 1) * fsOut / fsIn)) + 1;
    std::vector<float> out(n);
    const double step = fsIn / fsOut;
    for (std::size_t k = 0; k < n; ++k) {
        const double t = double(k) * step;
        const std::size_t i = std::min(std::size_t(t), x.size() - 1);
        const double frac = t - double(i);
        out[k] = i + 1 < x.size() ? float(x[i] + frac * (x[i + 1] - x[i])) : x[i];
    }
    return out;
}

struct Batcher {
    ModelSession& session;
    const JobControl& control;
    const std::vector<std::vector<float>>& leads;
    int batchSize;

    // Runs the windows starting at \a starts; \a consume gets each batch's probabilities and
    // the index of its first window. Cancel is checked before every batch. \a extra holds
    // per window the values that follow its samples in every lead row (RR features).
    template <typename Fn>
    Result<bool> run(const std::vector<std::int64_t>& starts, const QString& stage, Fn consume,
                     const std::vector<float>& extra = {}) {
        const ModelManifest& m = session.manifest();
        const std::int64_t w = m.input.windowSamples;
        const std::int64_t row = m.input.rowLength();
        const std::size_t extraPerWindow = std::size_t(row - w);
        for (std::size_t first = 0; first < starts.size(); first += std::size_t(batchSize)) {
            if (control.isCancelled())
                return Error{cancelledMessage(), {}};
            const int n = int(std::min<std::size_t>(std::size_t(batchSize), starts.size() - first));
            Tensor t(m.input.dtype, {n, std::int64_t(leads.size()), row});
            for (int i = 0; i < n; ++i) {
                fillWindow(t, i, leads, starts[first + std::size_t(i)], w, m.input.normalisation);
                if (extraPerWindow > 0)
                    setTail(t, i, leads.size(), w,
                            extra.data() + (first + std::size_t(i)) * extraPerWindow,
                            extraPerWindow);
            }
            auto p = predictWithUncertainty(session, t);
            if (!p)
                return p.error();
            consume(*p, first);
            control.report(double(first + std::size_t(n)) / double(starts.size()), stage);
        }
        return true;
    }
};

} // namespace

namespace {
// Normalised entropy above which a beat's class is called uncertain (0.5 ~ the top class
// holds under ~75 % of a two-way split).
constexpr double kUncertainBeat = 0.5;
} // namespace

Result<std::vector<std::vector<float>>> modelLeads(const ModelManifest& m,
                                                   const ecg::EcgRecord& record) {
    std::vector<std::vector<float>> out;
    for (const QString& name : m.input.leads) {
        const int lead = findLead(record, name);
        if (lead < 0) {
            QStringList have;
            for (const auto& l : record.leads)
                have << l.name;
            return fileError(record.sourcePath,
                             QStringLiteral("model %1 needs lead %2; the record has %3")
                                 .arg(m.id(), name, have.join(QStringLiteral(", "))));
        }
        std::vector<float> x = record.physical(lead, 0, record.sampleCount(lead));
        const float scale = float(record.leads[std::size_t(lead)].millivoltsPerUnit());
        float last = 0;
        for (float& v : x) {
            if (std::isnan(v))
                v = last; // Hold the last valid value over gaps.
            else
                last = v = v * scale;
        }
        const double fs = record.sampleRate(lead);
        if (std::abs(fs - m.input.samplingRateHz) > 1e-6)
            x = linearResample(x, fs, m.input.samplingRateHz);
        out.push_back(std::move(x));
    }
    return out;
}

Result<InferenceResult> runEcgModel(ModelSession& session, const ecg::EcgRecord& record,
                                    const JobControl& control, const EcgInferenceOptions& options) {
    const ModelManifest& m = session.manifest();
    if (!m.isEcg())
        return session.error(
            QStringLiteral("is a %1 model, not an ECG model").arg(taskName(m.task)));
    QElapsedTimer timer;
    timer.start();
    control.report(0, QStringLiteral("preparing signal"));
    auto leadsResult = modelLeads(m, record);
    if (!leadsResult)
        return leadsResult.error();
    auto& leads = leadsResult.value();
    // A record shorter than one window is repeated to fill it (short single-lead strips).
    if (m.task != ModelTask::EcgBeatClassification)
        for (auto& lead : leads)
            if (!lead.empty() && std::int64_t(lead.size()) < m.input.windowSamples) {
                const std::size_t n = lead.size();
                lead.resize(std::size_t(m.input.windowSamples));
                for (std::size_t i = n; i < lead.size(); ++i)
                    lead[i] = lead[i % n];
            }
    const double toModel = m.input.samplingRateHz / record.frameRate;
    const std::int64_t w = m.input.windowSamples;
    const std::int64_t length = std::int64_t(leads.front().size());
    // A manifest that fixes the batch axis (models that squeeze it away) gets exactly that.
    // Batches stay under ~64 M values (256 MB float32) however long the manifest's window.
    const std::int64_t perWindow = std::int64_t(leads.size()) * std::max<std::int64_t>(1, w);
    const int memoryCap =
        int(std::clamp<std::int64_t>((std::int64_t(64) << 20) / perWindow, 1, 4096));
    const int batch =
        m.input.shape[0] > 0 ? int(m.input.shape[0]) : std::clamp(options.batchSize, 1, memoryCap);
    Batcher batcher{session, control, leads, batch};

    InferenceResult result;
    result.modelId = m.id();
    result.casePath = record.sourcePath;
    result.frameRate = record.frameRate;
    result.task = taskName(m.task);
    result.uncertaintyMethod = uncertaintyMethodName(m.uncertainty);
    const QByteArray aux = QByteArray("model:") + m.id().toUtf8();
    double entropySum = 0;

    if (m.task == ModelTask::EcgBeatClassification) {
        QString source;
        auto frames = beatFrames(record, options, source);
        if (!frames)
            return frames.error();
        std::vector<std::int64_t> starts;
        for (std::int64_t f : *frames)
            starts.push_back(std::llround(double(f) * toModel) - m.input.beatOffsetSamples);
        std::vector<int> counts(m.labels.size(), 0);
        result.annotations.resize(frames->size());
        result.beatUncertainty.resize(frames->size());
        const std::vector<float> rr = BeatRrFeatures::compute(
            *frames, record.frameRate, m.input.rrFeatures, m.input.rrLocalBeats);
        auto ran = batcher.run(
            starts, QStringLiteral("classifying beats"),
            [&](const Probabilities& p, std::size_t first) {
                for (int i = 0; i < p.batch; ++i) {
                    const int cls = p.argmax(i, 0);
                    ++counts[std::size_t(cls)];
                    const double h = p.normalisedEntropy(i, 0);
                    entropySum += h;
                    result.beatUncertainty[first + std::size_t(i)] = float(h);
                    ecg::Annotation& a = result.annotations[first + std::size_t(i)];
                    a.sample = (*frames)[first + std::size_t(i)];
                    a.code = mitCodeOf(m.labels[std::size_t(cls)]);
                    a.aux = aux;
                }
            },
            rr);
        if (!ran)
            return ran.error();
        QJsonObject perClass;
        for (std::size_t c = 0; c < m.labels.size(); ++c)
            perClass[m.labels[c].name] = counts[c];
        result.details[QStringLiteral("beats_from")] = source;
        result.details[QStringLiteral("beat_counts")] = perClass;
        // Beats a reviewer should look at first (active learning at the beat level).
        const auto unsure =
            std::count_if(result.beatUncertainty.begin(), result.beatUncertainty.end(),
                          [](float h) { return h > kUncertainBeat; });
        result.details[QStringLiteral("uncertain_beats")] = qint64(unsure);
        result.details[QStringLiteral("uncertain_beat_threshold")] = kUncertainBeat;
        result.items = int(starts.size());
    } else {
        std::vector<std::int64_t> starts;
        for (std::int64_t s = 0; s + w <= length; s += m.input.strideSamples)
            starts.push_back(s);
        if (starts.empty() || starts.back() + w < length)
            starts.push_back(std::max<std::int64_t>(0, length - w)); // Cover the tail.
        const int classes = int(m.labels.size());
        if (m.task == ModelTask::EcgRecordClassification) {
            std::vector<double> mean(std::size_t(classes), 0.0);
            WindowProbabilities& windows = result.windows;
            windows.windowSeconds = double(w) / m.input.samplingRateHz;
            for (std::int64_t s : starts)
                windows.startSeconds.push_back(double(s) / m.input.samplingRateHz);
            windows.perClass.assign(std::size_t(classes), std::vector<float>(starts.size()));
            auto ran =
                batcher.run(starts, QStringLiteral("classifying record"),
                            [&](const Probabilities& p, std::size_t first) {
                                for (int i = 0; i < p.batch; ++i) {
                                    for (int c = 0; c < classes; ++c) {
                                        mean[std::size_t(c)] += p.at(i, c, 0);
                                        windows.perClass[std::size_t(c)][first + std::size_t(i)] =
                                            p.at(i, c, 0);
                                    }
                                }
                            });
            if (!ran)
                return ran.error();
            int best = 0;
            for (int c = 0; c < classes; ++c) {
                mean[std::size_t(c)] /= double(starts.size());
                result.classProbabilities.emplace_back(m.labels[std::size_t(c)].name,
                                                       mean[std::size_t(c)]);
                if (mean[std::size_t(c)] > mean[std::size_t(best)])
                    best = c;
            }
            result.predictedLabel = m.labels[std::size_t(best)].name;
            // Labels at or above their threshold (keyed by label name or code; 0.5 default
            // for sigmoid outputs): the multi-label answer.
            QJsonArray positive;
            QJsonObject thresholds; // By label name, for displays.
            for (int c = 0; c < classes; ++c) {
                const OutputLabel& l = m.labels[std::size_t(c)];
                const auto t = m.thresholdFor(l);
                if (t)
                    thresholds[l.name] = *t;
                // Without a threshold a sigmoid label counts from 0.5, a softmax one never.
                const double limit = t ? *t
                                     : m.activation == Activation::Sigmoid
                                         ? 0.5
                                         : std::numeric_limits<double>::infinity();
                if (mean[std::size_t(c)] >= limit)
                    positive.append(l.name);
            }
            if (!m.thresholds.empty() || m.activation == Activation::Sigmoid)
                result.details[QStringLiteral("above_threshold")] = positive;
            if (!thresholds.isEmpty())
                result.details[QStringLiteral("thresholds")] = thresholds;
            // Rhythm episodes over time (paroxysmal AF in a Holter), as rhythm annotations.
            // A rhythm annotation's aux is the rhythm, so the provenance goes into a NOTE
            // annotation ahead of them.
            result.annotations = rhythmEpisodes(m, windows, record.frameRate);
            if (!result.annotations.empty()) {
                ecg::Annotation note;
                note.code = ecg::AnnotationCodes::Note;
                note.aux = aux;
                result.annotations.insert(result.annotations.begin(), note);
            }
            Probabilities avg{1, classes, 1, std::vector<float>(mean.begin(), mean.end())};
            if (m.activation == Activation::Softmax)
                entropySum = avg.normalisedEntropy(0, 0) * double(starts.size());
            else
                for (int c = 0; c < classes; ++c) { // Binary entropy per label, averaged.
                    const double q = std::clamp(mean[std::size_t(c)], 1e-9, 1 - 1e-9);
                    entropySum += -(q * std::log2(q) + (1 - q) * std::log2(1 - q)) / classes *
                                  double(starts.size());
                }
        } else { // Delineation
            std::vector<float> sums(std::size_t(classes) * std::size_t(length), 0.0f);
            std::vector<std::uint16_t> hits(std::size_t(length), 0);
            auto ran = batcher.run(
                starts, QStringLiteral("delineating"),
                [&](const Probabilities& p, std::size_t first) {
                    for (int i = 0; i < p.batch; ++i) {
                        const std::int64_t s0 = starts[first + std::size_t(i)];
                        for (std::int64_t k = 0; k < p.positions && s0 + k < length; ++k) {
                            ++hits[std::size_t(s0 + k)];
                            for (int c = 0; c < classes; ++c)
                                sums[std::size_t(c) * std::size_t(length) + std::size_t(s0 + k)] +=
                                    p.at(i, c, k);
                        }
                    }
                });
            if (!ran)
                return ran.error();
            std::vector<int> cls(std::size_t(length), 0);
            for (std::int64_t k = 0; k < length; ++k) {
                double h = 0;
                for (int c = 0; c < classes; ++c) {
                    const float v = sums[std::size_t(c) * std::size_t(length) + std::size_t(k)];
                    if (v > sums[std::size_t(cls[std::size_t(k)]) * std::size_t(length) +
                                 std::size_t(k)])
                        cls[std::size_t(k)] = c;
                    const double q = v / std::max<double>(1, hits[std::size_t(k)]);
                    if (q > 1e-12)
                        h -= q * std::log(q);
                }
                entropySum += h / std::log(double(std::max(2, classes)));
            }
            // Waves: runs of a class whose label has a code (background has none).
            const double toRecord = 1.0 / toModel;
            for (std::int64_t k = 0; k < length;) {
                std::int64_t e = k;
                while (e < length && cls[std::size_t(e)] == cls[std::size_t(k)])
                    ++e;
                const OutputLabel& label = m.labels[std::size_t(cls[std::size_t(k)])];
                const bool longEnough =
                    double(e - k) * 1000.0 / m.input.samplingRateHz >= m.minWaveMs;
                if (longEnough && !label.code.isEmpty() &&
                    ecg::AnnotationCodes::fromMnemonic(label.code) > 0) {
                    auto at = [&](std::int64_t s, int code) {
                        ecg::Annotation a;
                        a.sample = std::llround(double(s) * toRecord);
                        a.code = code;
                        a.aux = aux;
                        result.annotations.push_back(a);
                    };
                    at(k, ecg::AnnotationCodes::WaveOn);
                    at((k + e - 1) / 2, mitCodeOf(label));
                    at(e - 1, ecg::AnnotationCodes::WaveOff);
                }
                k = e;
            }
            entropySum *= double(starts.size()) / double(std::max<std::int64_t>(1, length));
        }
        result.items = int(starts.size());
    }
    result.uncertainty = result.items > 0 ? entropySum / double(result.items) : 0.0;
    result.elapsedMs = double(timer.nsecsElapsed()) / 1e6;
    control.report(1.0, QStringLiteral("done"));
    return result;
}

} // namespace cardiolens::inference
