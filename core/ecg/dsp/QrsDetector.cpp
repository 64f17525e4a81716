#include "ecg/dsp/QrsDetector.h"

#include "ecg/dsp/Biquad.h"
#include "ecg/dsp/QrsPeakClassifier_p.h"
#include "ecg/dsp/WeakBeatFilter.h"

#include <algorithm>
#include <cmath>

namespace cardiolens::ecg {

QrsDetector::QrsDetector(double fs, QrsDetectorSettings settings)
    : m_fs(fs), m_settings(settings) {}

std::vector<std::int64_t> QrsDetector::positions(const std::vector<QrsBeat>& beats) {
    std::vector<std::int64_t> out;
    out.reserve(beats.size());
    for (const QrsBeat& b : beats)
        out.push_back(b.sample);
    return out;
}

std::vector<float>
QrsDetector::fusedMagnitude(const std::vector<std::span<const float>>& leads,
                            std::vector<std::vector<float>>& perLeadSlope) const {
    const std::size_t n = leads.empty() ? 0 : leads.front().size();
    std::vector<double> energy(n, 0.0);
    std::vector<Biquad> sections = butterworthHighPass(m_settings.bandLowHz, m_fs, 2);
    const double high = std::min(m_settings.bandHighHz, 0.4 * m_fs);
    for (const Biquad& s : butterworthLowPass(high, m_fs, 2))
        sections.push_back(s);
    const BiquadCascade band(std::move(sections));
    std::vector<double> work(n);
    perLeadSlope.clear();
    for (const auto& lead : leads) {
        if (lead.size() != n)
            continue;
        std::vector<float> leadSlope(n, 0.0f);
        std::copy(lead.begin(), lead.end(), work.begin());
        band.forward(work);
        band.backward(work);
        // Slope of the band-passed signal (central difference): QRS complexes are steep,
        // T and P waves are not, even where they are as tall.
        for (std::size_t i = 1; i + 1 < n; ++i) {
            const double slope = work[i + 1] - work[i - 1];
            energy[i] += slope * slope;
            leadSlope[i] = float(std::abs(slope));
        }
        if (leads.size() > 1)
            perLeadSlope.push_back(std::move(leadSlope));
    }
    std::vector<float> magnitude(n);
    for (std::size_t i = 0; i < n; ++i)
        magnitude[i] = float(std::sqrt(energy[i]));
    return magnitude;
}

std::vector<QrsBeat> QrsDetector::detect(const std::vector<std::span<const float>>& leads) const {
    // Below 1 Hz there is no QRS to resolve (and the learning blocks would be empty).
    if (leads.empty() || leads.front().size() < 8 || !(m_fs >= 1.0))
        return {};
    std::vector<std::vector<float>> perLeadSlope;
    const std::vector<float> magnitude = fusedMagnitude(leads, perLeadSlope);
    const auto n = std::int64_t(magnitude.size());

    // Centred moving-window integration of the magnitude (running sum, no delay).
    const std::int64_t half =
        std::max<std::int64_t>(1, std::llround(m_settings.integrationS * m_fs / 2));
    std::vector<float> envelope(magnitude.size());
    double sum = 0.0;
    std::int64_t lo = 0, hi = 0; // window [lo, hi)
    for (std::int64_t i = 0; i < n; ++i) {
        const std::int64_t wantHi = std::min(n, i + half + 1);
        const std::int64_t wantLo = std::max<std::int64_t>(0, i - half);
        while (hi < wantHi)
            sum += magnitude[std::size_t(hi++)];
        while (lo < wantLo)
            sum -= magnitude[std::size_t(lo++)];
        envelope[std::size_t(i)] = float(sum / double(2 * half + 1));
    }
    std::vector<QrsBeat> beats =
        QrsPeakClassifier(m_fs, m_settings, magnitude, envelope, perLeadSlope).run();
    return dropWeakExtraBeats(std::move(beats), m_fs, m_settings);
}

} // namespace cardiolens::ecg
