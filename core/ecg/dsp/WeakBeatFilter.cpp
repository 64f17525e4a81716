#include "ecg/dsp/WeakBeatFilter.h"

#include <algorithm>

namespace cardiolens::ecg {

namespace {
constexpr double kQrsPercentile = 0.8; // the local QRS level: most neighbours are QRS

// Value at quantile q of v (v is reordered).
double quantile(std::vector<double>& v, double q) {
    if (v.empty())
        return 0.0;
    const auto k = std::size_t(q * double(v.size() - 1));
    std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(k), v.end());
    return v[k];
}
} // namespace

std::vector<QrsBeat> dropWeakExtraBeats(std::vector<QrsBeat> beats, double fs,
                                        const QrsDetectorSettings& settings) {
    const auto n = std::ptrdiff_t(beats.size());
    if (n < 4 || fs <= 0.0)
        return beats;
    const std::ptrdiff_t k = std::max(2, settings.weakNeighbourhood);
    auto first = [&](std::ptrdiff_t i) {
        return std::max<std::ptrdiff_t>(0, i - k);
    };
    auto last = [&](std::ptrdiff_t i) {
        return std::min(n - 1, i + k);
    };

    // Which beats are weak against their neighbourhood, in steepness and in energy.
    std::vector<char> weak(std::size_t(n), 0);
    std::vector<double> slopes, energies;
    for (std::ptrdiff_t i = 0; i < n; ++i) {
        slopes.clear();
        energies.clear();
        for (std::ptrdiff_t j = first(i); j <= last(i); ++j) {
            slopes.push_back(beats[std::size_t(j)].slope);
            energies.push_back(beats[std::size_t(j)].amplitude);
        }
        const QrsBeat& b = beats[std::size_t(i)];
        weak[std::size_t(i)] =
            b.slope < settings.weakSlopeShare * quantile(slopes, kQrsPercentile) &&
            b.amplitude < settings.weakEnvelopeShare * quantile(energies, kQrsPercentile);
    }

    // The local RR interval of the beats that are not weak: the rhythm without them.
    std::vector<double> intervals;
    auto localRr = [&](std::ptrdiff_t i) {
        intervals.clear();
        std::ptrdiff_t prev = -1;
        for (std::ptrdiff_t j = first(i); j <= last(i); ++j) {
            if (weak[std::size_t(j)])
                continue;
            if (prev >= 0)
                intervals.push_back(
                    double(beats[std::size_t(j)].sample - beats[std::size_t(prev)].sample));
            prev = j;
        }
        return quantile(intervals, 0.5);
    };

    std::vector<QrsBeat> kept;
    kept.reserve(beats.size());
    for (std::ptrdiff_t i = 0; i < n; ++i) {
        if (weak[std::size_t(i)] && !kept.empty()) {
            std::ptrdiff_t next = i + 1;
            while (next < n && weak[std::size_t(next)])
                ++next;
            const double rr = localRr(i);
            const double gap =
                next < n ? double(beats[std::size_t(next)].sample - kept.back().sample) : 0.0;
            if (next < n && rr > 0.0 && gap <= settings.weakGapRr * rr)
                continue; // a T or P wave or slow noise: the rhythm goes on without it
        }
        kept.push_back(beats[std::size_t(i)]);
    }
    return kept;
}

} // namespace cardiolens::ecg
