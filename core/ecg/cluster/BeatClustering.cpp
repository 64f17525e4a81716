#include "ecg/cluster/BeatClustering.h"

#include "ecg/cluster/BeatWindows.h"

#include <QElapsedTimer>

#include <algorithm>
#include <limits>
#include <numeric>

namespace cardiolens::ecg {

namespace {
// Median of the RR intervals ending at beats [from, to).
double medianRr(const std::vector<std::int64_t>& beats, std::size_t from, std::size_t to,
                std::vector<double>& scratch) {
    scratch.clear();
    for (std::size_t j = std::max<std::size_t>(from, 1); j < to; ++j)
        scratch.push_back(double(beats[j] - beats[j - 1]));
    if (scratch.empty())
        return 0.0;
    auto mid = scratch.begin() + std::ptrdiff_t(scratch.size() / 2);
    std::nth_element(scratch.begin(), mid, scratch.end());
    return *mid;
}

// RR interval over the usual RR before it: < 1 premature. "Usual" is the longer of the
// medians of the last few and the last many intervals, so the beats of a run of atrial
// tachycardia stay premature after the short median has adapted to the run.
std::vector<float> prematurityOf(const std::vector<std::int64_t>& beats, int localBeats) {
    std::vector<float> out(beats.size(), 1.0f);
    std::vector<double> scratch;
    const auto shortSpan = std::size_t(std::max(2, localBeats));
    const std::size_t longSpan = 8 * shortSpan;
    for (std::size_t i = 2; i < beats.size(); ++i) {
        const double usual =
            std::max(medianRr(beats, i > shortSpan ? i - shortSpan : 1, i, scratch),
                     medianRr(beats, i > longSpan ? i - longSpan : 1, i, scratch));
        if (usual > 0.0)
            out[i] = float(double(beats[i] - beats[i - 1]) / usual);
    }
    return out;
}

struct Template {
    std::vector<double> sum;
    std::vector<float> mean;
    double energy = 0.0; ///< Sum of squares of the mean.
    bool premature = false;
    std::vector<std::size_t> members;

    void add(const float* x, std::size_t index) {
        members.push_back(index);
        const double n = double(members.size());
        energy = 0.0;
        for (std::size_t k = 0; k < sum.size(); ++k) {
            sum[k] += x[k];
            mean[k] = float(sum[k] / n);
            energy += double(mean[k]) * mean[k];
        }
    }
};

// Residual energy of x against a template, as a share of the template's energy; gives up
// (returns a value above limit) as soon as the share passes limit.
double residualShare(const float* x, const Template& t, double limit) {
    const double scale = std::max(t.energy, 1e-9);
    const double stop = limit * scale;
    double r = 0.0;
    for (std::size_t k = 0; k < t.mean.size(); ++k) {
        const double d = double(x[k]) - t.mean[k];
        r += d * d;
        if (r > stop)
            return std::numeric_limits<double>::infinity();
    }
    return r / scale;
}

std::vector<Template> matchOnline(const BeatWindows& w, const std::vector<char>& premature,
                                  const BeatClusterSettings& s) {
    std::vector<Template> templates;
    std::vector<std::size_t> order; // templates by size, largest first: most beats match early
    const std::size_t dims = std::size_t(w.dims);
    for (std::size_t b = 0; b < premature.size(); ++b) {
        if (b % 512 == 0)
            std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t c) {
                return templates[a].members.size() > templates[c].members.size();
            });
        const float* x = w.row(b);
        std::size_t best = templates.size();
        double bestShare = templates.size() < std::size_t(s.maxClusters)
                               ? s.matchDistance
                               : std::numeric_limits<double>::infinity();
        for (std::size_t t : order) {
            if (templates[t].premature != bool(premature[b]))
                continue;
            const double share = residualShare(x, templates[t], std::min(bestShare, 1e6));
            if (share < bestShare) {
                bestShare = share;
                best = t;
                if (share < 0.25 * s.matchDistance)
                    break; // clearly this one
            }
        }
        if (best == templates.size()) {
            Template t;
            t.sum.assign(dims, 0.0);
            t.mean.assign(dims, 0.0f);
            t.premature = premature[b];
            templates.push_back(std::move(t));
            order.push_back(best);
        }
        templates[best].add(x, b);
    }
    return templates;
}

// Templates that drifted together while beats joined are merged (smaller into larger).
void mergeClose(std::vector<Template>& templates, double distance) {
    for (bool merged = true; merged;) {
        merged = false;
        std::sort(templates.begin(), templates.end(), [](const Template& a, const Template& b) {
            return a.members.size() > b.members.size();
        });
        for (std::size_t a = 0; a < templates.size() && !merged; ++a)
            for (std::size_t b = a + 1; b < templates.size() && !merged; ++b) {
                Template& big = templates[a];
                Template& small = templates[b];
                if (big.premature != small.premature ||
                    residualShare(small.mean.data(), big, distance) > distance)
                    continue;
                const double n = double(big.members.size() + small.members.size());
                big.energy = 0.0;
                for (std::size_t k = 0; k < big.sum.size(); ++k) {
                    big.sum[k] += small.sum[k];
                    big.mean[k] = float(big.sum[k] / n);
                    big.energy += double(big.mean[k]) * big.mean[k];
                }
                big.members.insert(big.members.end(), small.members.begin(), small.members.end());
                std::sort(big.members.begin(), big.members.end());
                templates.erase(templates.begin() + std::ptrdiff_t(b));
                merged = true;
            }
    }
}

// Median of up to 256 members spread over the cluster: the template shown in the gallery.
std::vector<float> medianBeat(const BeatWindows& w, const std::vector<std::size_t>& members) {
    const std::size_t take = std::min<std::size_t>(256, members.size());
    std::vector<float> out(std::size_t(w.dims), 0.0f);
    std::vector<float> column(take);
    for (std::size_t k = 0; k < out.size(); ++k) {
        for (std::size_t i = 0; i < take; ++i)
            column[i] = w.row(members[i * members.size() / take])[k];
        auto mid = column.begin() + std::ptrdiff_t(take / 2);
        std::nth_element(column.begin(), mid, column.end());
        out[k] = *mid;
    }
    return out;
}
} // namespace

Result<BeatClustering> clusterBeats(const EcgRecord& record, std::vector<std::int64_t> beats,
                                    const BeatClusterSettings& settings) {
    QElapsedTimer timer;
    timer.start();
    std::sort(beats.begin(), beats.end());
    beats.erase(std::unique(beats.begin(), beats.end()), beats.end());
    beats.erase(std::remove_if(beats.begin(), beats.end(),
                               [&](std::int64_t b) { return b < 0 || b >= record.frameCount; }),
                beats.end());
    const BeatWindowSpec spec{settings.preMs, settings.postMs, settings.stepMs, settings.maxLeads};
    auto windows = extractBeatWindows(record, beats, spec);
    if (!windows)
        return windows.error();

    BeatClustering out;
    out.fs = record.frameRate;
    out.leads = windows->leads;
    out.windowSamples = windows->samplesPerLead;
    out.preMs = settings.preMs;
    out.stepMs = settings.stepMs;
    out.prematurity = prematurityOf(beats, settings.localBeats);
    std::vector<char> premature(beats.size());
    for (std::size_t i = 0; i < beats.size(); ++i)
        premature[i] = out.prematurity[i] < settings.prematureShare;

    std::vector<Template> templates = matchOnline(windows.value(), premature, settings);
    mergeClose(templates, 0.5 * settings.matchDistance);

    out.clusterOf.assign(beats.size(), 0);
    for (std::size_t c = 0; c < templates.size(); ++c) {
        BeatCluster cluster;
        cluster.id = int(c);
        cluster.members = std::move(templates[c].members);
        cluster.premature = templates[c].premature;
        cluster.outlier = int(cluster.members.size()) <= settings.outlierSize;
        double p = 0.0;
        for (std::size_t m : cluster.members) {
            out.clusterOf[m] = int(c);
            p += out.prematurity[m];
        }
        cluster.meanPrematurity = p / double(cluster.members.size());
        cluster.median = medianBeat(windows.value(), cluster.members);
        const std::size_t shown = std::min<std::size_t>(12, cluster.members.size());
        for (std::size_t i = 0; i < shown; ++i) {
            const float* row = windows->row(cluster.members[i * cluster.members.size() / shown]);
            cluster.examples.emplace_back(row, row + windows->dims);
        }
        out.clusters.push_back(std::move(cluster));
    }
    out.beats = std::move(beats);
    out.seconds = double(timer.nsecsElapsed()) * 1e-9;
    return out;
}

} // namespace cardiolens::ecg
