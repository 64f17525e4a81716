#include "BeatRrFeatures.h"

#include <algorithm>

namespace cardiolens::inference {

const QStringList& BeatRrFeatures::names() {
    static const QStringList kNames = {QStringLiteral("pre_rr_s"), QStringLiteral("post_rr_s"),
                                       QStringLiteral("local_rr_s"), QStringLiteral("record_rr_s")};
    return kNames;
}

namespace {
// numpy.median: the mean of the two middle values for an even count.
double median(std::vector<double> v) {
    const std::size_t mid = v.size() / 2;
    std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(mid), v.end());
    if (v.size() % 2)
        return v[mid];
    const double upper = v[mid];
    return (*std::max_element(v.begin(), v.begin() + std::ptrdiff_t(mid)) + upper) / 2;
}
} // namespace

std::vector<float> BeatRrFeatures::compute(const std::vector<std::int64_t>& frames,
                                           double frameRate, const QStringList& features,
                                           int localBeats) {
    const std::size_t n = frames.size();
    const std::size_t k = std::size_t(features.size());
    std::vector<float> out(n * k, 1.0f);
    if (n < 2 || frameRate <= 0)
        return out;
    std::vector<double> rr(n - 1);
    for (std::size_t i = 0; i + 1 < n; ++i)
        rr[i] = double(frames[i + 1] - frames[i]) / frameRate;
    const double recordRr = median(rr);
    // Prefix sums of the previous RR so each local mean costs O(1).
    std::vector<double> pre(n), sum(n + 1, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        pre[i] = i == 0 ? rr[0] : rr[i - 1];
        sum[i + 1] = sum[i] + pre[i];
    }
    const std::size_t span = std::size_t(std::max(1, localBeats));
    std::vector<int> which(k);
    for (std::size_t f = 0; f < k; ++f)
        which[f] = int(names().indexOf(features[qsizetype(f)]));
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t lo = i + 1 >= span ? i + 1 - span : 0;
        const double values[4] = {pre[i], i + 1 < n ? rr[i] : rr[n - 2],
                                  (sum[i + 1] - sum[lo]) / double(i + 1 - lo), recordRr};
        for (std::size_t f = 0; f < k; ++f)
            out[i * k + f] = which[f] >= 0 ? float(values[which[f]]) : 0.0f;
    }
    return out;
}

} // namespace cardiolens::inference
