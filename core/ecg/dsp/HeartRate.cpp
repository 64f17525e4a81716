#include "ecg/dsp/HeartRate.h"

#include <algorithm>
#include <cmath>

namespace cardiolens::ecg {

std::vector<double> rrIntervalsMs(std::span<const std::int64_t> beats, double fs) {
    std::vector<double> rr;
    if (fs <= 0.0 || beats.size() < 2)
        return rr;
    rr.reserve(beats.size() - 1);
    for (std::size_t i = 1; i < beats.size(); ++i)
        rr.push_back(1000.0 * double(beats[i] - beats[i - 1]) / fs);
    return rr;
}

std::vector<double> heartRateBpm(std::span<const double> rrMs) {
    std::vector<double> hr;
    hr.reserve(rrMs.size());
    for (double rr : rrMs)
        hr.push_back(rr > 0.0 ? 60000.0 / rr : 0.0);
    return hr;
}

std::vector<double> normalToNormal(std::span<const double> rrMs, double tolerance) {
    std::vector<double> nn;
    nn.reserve(rrMs.size());
    std::vector<double> window;
    for (std::size_t i = 0; i < rrMs.size(); ++i) {
        const double rr = rrMs[i];
        if (rr < 300.0 || rr > 2000.0)
            continue;
        window.clear();
        const std::size_t lo = i >= 5 ? i - 5 : 0;
        const std::size_t hi = std::min(rrMs.size(), i + 6);
        for (std::size_t j = lo; j < hi; ++j)
            if (j != i)
                window.push_back(rrMs[j]);
        if (!window.empty()) {
            std::nth_element(window.begin(), window.begin() + std::ptrdiff_t(window.size() / 2),
                             window.end());
            const double median = window[window.size() / 2];
            if (std::abs(rr - median) > tolerance * median)
                continue;
        }
        nn.push_back(rr);
    }
    return nn;
}

HrvSummary timeDomainHrv(std::span<const double> rrMs) {
    HrvSummary s;
    s.intervals = rrMs.size();
    if (rrMs.size() < 2)
        return s;
    double sum = 0.0;
    for (double rr : rrMs)
        sum += rr;
    s.meanRrMs = sum / double(rrMs.size());
    s.meanHeartRateBpm = s.meanRrMs > 0.0 ? 60000.0 / s.meanRrMs : 0.0;
    double var = 0.0;
    for (double rr : rrMs)
        var += (rr - s.meanRrMs) * (rr - s.meanRrMs);
    s.sdnnMs = std::sqrt(var / double(rrMs.size() - 1));
    double sq = 0.0;
    std::size_t over50 = 0;
    for (std::size_t i = 1; i < rrMs.size(); ++i) {
        const double d = rrMs[i] - rrMs[i - 1];
        sq += d * d;
        if (std::abs(d) > 50.0)
            ++over50;
    }
    const double diffs = double(rrMs.size() - 1);
    s.rmssdMs = std::sqrt(sq / diffs);
    s.pnn50Percent = 100.0 * double(over50) / diffs;
    return s;
}

} // namespace cardiolens::ecg
