#include "ecg/dsp/RecordFilter.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace cardiolens::ecg {

std::vector<float> filteredPage(const EcgRecord& record, int lead, std::int64_t first,
                                std::int64_t last, const FilterSettings& settings) {
    if (lead < 0 || lead >= record.leadCount())
        return {};
    const std::int64_t length = record.sampleCount(lead);
    first = std::clamp<std::int64_t>(first, 0, length);
    last = std::clamp<std::int64_t>(last, first, length);
    if (first == last)
        return {};
    const ZeroPhaseFilter filter(settings, record.sampleRate(lead));
    std::vector<bool> missing;
    const std::int64_t readFirst = std::max<std::int64_t>(0, first - filter.warmUpSamples());
    const SampleReader reader = [&](std::int64_t from, std::int64_t count, double* out) {
        const std::vector<float> x = record.physical(lead, from, count);
        missing.assign(std::size_t(count), false);
        double held = 0.0;
        // Start the hold from the first valid sample so a leading gap adds no step.
        for (float v : x)
            if (std::isfinite(v)) {
                held = v;
                break;
            }
        for (std::size_t i = 0; i < std::size_t(count); ++i) {
            const bool valid = i < x.size() && std::isfinite(x[i]);
            if (valid)
                held = x[i];
            else
                missing[i] = true;
            out[i] = held;
        }
    };
    const std::vector<double> filtered = filter.applyWindow(reader, length, first, last);
    std::vector<float> page(filtered.size());
    for (std::size_t i = 0; i < filtered.size(); ++i) {
        const std::size_t at = std::size_t(first - readFirst) + i;
        page[i] = at < missing.size() && missing[at] ? std::numeric_limits<float>::quiet_NaN()
                                                     : float(filtered[i]);
    }
    return page;
}

} // namespace cardiolens::ecg
