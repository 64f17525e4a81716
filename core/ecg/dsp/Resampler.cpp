#include "ecg/dsp/Resampler.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>

namespace cardiolens::ecg {

namespace {
// Zeroth-order modified Bessel function of the first kind (series), for the Kaiser window.
double besselI0(double x) {
    double sum = 1.0, term = 1.0;
    for (int k = 1; k < 50; ++k) {
        term *= (x / (2.0 * k)) * (x / (2.0 * k));
        sum += term;
        if (term < 1e-12 * sum)
            break;
    }
    return sum;
}
} // namespace

std::vector<float> resample(std::span<const float> input, double fsIn, double fsOut) {
    if (input.empty() || fsIn <= 0.0 || fsOut <= 0.0)
        return {};
    if (fsIn == fsOut)
        return std::vector<float>(input.begin(), input.end());
    const auto n = std::int64_t(input.size());
    const auto outCount = std::int64_t(std::llround(double(n) * fsOut / fsIn));
    // Cut-off as a fraction of the input rate.
    const double cutoff = 0.45 * std::min(fsIn, fsOut) / fsIn;
    const double zeroCrossings = 12.0;
    const double halfWidth = zeroCrossings / (2.0 * cutoff); // in input samples
    // The windowed-sinc kernel tabulated over |u| / halfWidth in [0, 1]: evaluating the
    // Kaiser window's Bessel series per tap would cost ~100x more.
    constexpr int kTable = 8192;
    const double beta = 8.0;
    const double i0Beta = besselI0(beta);
    std::vector<double> table(kTable + 2, 0.0);
    for (int k = 0; k <= kTable; ++k) {
        const double r = double(k) / kTable;
        const double u = r * halfWidth;
        const double window = besselI0(beta * std::sqrt(std::max(0.0, 1.0 - r * r))) / i0Beta;
        const double x = 2.0 * cutoff * u;
        const double sinc =
            std::abs(x) < 1e-12 ? 1.0 : std::sin(std::numbers::pi * x) / (std::numbers::pi * x);
        table[std::size_t(k)] = sinc * window;
    }
    const double step = fsIn / fsOut;
    const double toTable = kTable / halfWidth;

    std::vector<float> out(std::size_t(std::max<std::int64_t>(outCount, 0)));
    for (std::int64_t j = 0; j < outCount; ++j) {
        const double t = double(j) * step;
        const auto lo = std::int64_t(std::ceil(t - halfWidth));
        const auto hi = std::int64_t(std::floor(t + halfWidth));
        double acc = 0.0, weightSum = 0.0;
        for (std::int64_t i = lo; i <= hi; ++i) {
            const double pos = std::abs(double(i) - t) * toTable;
            const auto k = std::min<std::int64_t>(kTable, std::int64_t(pos));
            const double frac = pos - double(k);
            const double w =
                table[std::size_t(k)] + frac * (table[std::size_t(k + 1)] - table[std::size_t(k)]);
            // Beyond the ends, hold the edge sample (no artificial step to zero).
            acc += w * double(input[std::size_t(std::clamp<std::int64_t>(i, 0, n - 1))]);
            weightSum += w;
        }
        // Normalising by the kernel sum keeps DC exact.
        out[std::size_t(j)] = float(weightSum != 0.0 ? acc / weightSum : 0.0);
    }
    return out;
}

} // namespace cardiolens::ecg
