#include "ecg/cluster/BeatWindows.h"

#include "ecg/dsp/Biquad.h"
#include "ecg/dsp/LeadSamples.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace cardiolens::ecg {

namespace {
BiquadCascade morphologyBand(double fs) {
    std::vector<Biquad> sections = butterworthHighPass(0.5, fs, 2);
    for (const Biquad& s : butterworthLowPass(std::min(40.0, 0.4 * fs), fs, 2))
        sections.push_back(s);
    return BiquadCascade(std::move(sections));
}

std::vector<double> filtered(const EcgRecord& record, const LeadChoice& lead, std::int64_t first,
                             std::int64_t count, const BiquadCascade& band) {
    const std::vector<float> x = heldLeadMillivolts(record, lead, first, count);
    std::vector<double> y(x.begin(), x.end());
    band.forward(y);
    band.backward(y);
    return y;
}

// The leads whose QRS band carries the most energy around the first beats: on a 12-lead
// record the clearest views, on MIT-BIH both leads.
std::vector<LeadChoice> strongestLeads(const EcgRecord& record,
                                       const std::vector<std::int64_t>& beats, int maxLeads,
                                       const BiquadCascade& band) {
    std::vector<LeadChoice> leads = ecgLeadsAtFrameRate(record);
    if (int(leads.size()) <= maxLeads || beats.empty())
        return leads;
    const auto span = std::int64_t(60.0 * record.frameRate);
    const std::int64_t first =
        std::max<std::int64_t>(0, beats.front() - std::int64_t(record.frameRate));
    const std::int64_t count = std::min(span, record.frameCount - first);
    std::vector<std::pair<double, LeadChoice>> energy;
    for (const LeadChoice& l : leads) {
        const std::vector<double> y = filtered(record, l, first, count, band);
        double e = 0.0;
        for (std::size_t i = 1; i < y.size(); ++i)
            e += (y[i] - y[i - 1]) * (y[i] - y[i - 1]);
        energy.push_back({e, l});
    }
    std::stable_sort(energy.begin(), energy.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<LeadChoice> out;
    for (int i = 0; i < maxLeads; ++i)
        out.push_back(energy[std::size_t(i)].second);
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.lead < b.lead; });
    return out;
}
} // namespace

Result<BeatWindows> extractBeatWindows(const EcgRecord& record,
                                       const std::vector<std::int64_t>& beats,
                                       const BeatWindowSpec& spec) {
    const double fs = record.frameRate;
    if (!(fs >= 50.0))
        return fileError(record.sourcePath,
                         QStringLiteral("sampling rate %1 Hz is too low for beat shapes").arg(fs));
    const BiquadCascade band = morphologyBand(fs);
    const std::vector<LeadChoice> leads =
        strongestLeads(record, beats, std::max(1, spec.maxLeads), band);
    if (leads.empty())
        return fileError(record.sourcePath, QStringLiteral("no ECG lead at the frame rate"));

    BeatWindows out;
    for (const LeadChoice& l : leads)
        out.leads.push_back(l.lead);
    out.samplesPerLead = std::max(2, int(std::lround((spec.preMs + spec.postMs) / spec.stepMs)));
    out.dims = out.samplesPerLead * int(leads.size());
    out.values.assign(beats.size() * std::size_t(out.dims), 0.0f);
    const double pre = spec.preMs * 1e-3 * fs;
    const double step = spec.stepMs * 1e-3 * fs;
    const auto margin = std::int64_t(std::ceil(pre + out.samplesPerLead * step)) + 2;
    const auto chunk = std::int64_t(600.0 * fs);
    const auto warmUp = std::int64_t(4.0 * fs); // filter transients decay within it

    std::size_t next = 0;
    for (std::int64_t start = 0; start < record.frameCount && next < beats.size(); start += chunk) {
        const std::int64_t end = std::min(record.frameCount, start + chunk);
        std::size_t last = next;
        while (last < beats.size() && beats[last] < end)
            ++last;
        if (last == next)
            continue;
        const std::int64_t readFirst = std::max<std::int64_t>(0, start - margin - warmUp);
        const std::int64_t readLast = std::min(record.frameCount, end + margin + warmUp);
        for (std::size_t li = 0; li < leads.size(); ++li) {
            const std::vector<double> y =
                filtered(record, leads[li], readFirst, readLast - readFirst, band);
            const auto n = std::int64_t(y.size());
            for (std::size_t b = next; b < last; ++b) {
                float* row = out.values.data() + b * std::size_t(out.dims) +
                             li * std::size_t(out.samplesPerLead);
                const double origin = double(beats[b] - readFirst) - pre;
                for (int k = 0; k < out.samplesPerLead; ++k) {
                    const auto i =
                        std::clamp<std::int64_t>(std::llround(origin + k * step), 0, n - 1);
                    row[k] = float(y[std::size_t(i)]);
                }
                // Baseline: the first samples (PR segment), so wander does not split clusters.
                const float base = (row[0] + row[1]) * 0.5f;
                for (int k = 0; k < out.samplesPerLead; ++k)
                    row[k] -= base;
            }
        }
        next = last;
    }
    return out;
}

} // namespace cardiolens::ecg
