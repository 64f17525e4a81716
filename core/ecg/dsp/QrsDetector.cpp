#include "ecg/dsp/QrsDetector.h"

#include "ecg/dsp/Biquad.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace cardiolens::ecg {

namespace {
struct Candidate {
    std::int64_t pos = 0;      ///< Envelope peak.
    std::int64_t fiducial = 0; ///< Largest band-passed magnitude near the peak.
    float env = 0.0f;
    float slope = 0.0f; ///< That largest magnitude: QRS steepness for the T-wave test.
};
} // namespace

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
    if (leads.empty() || leads.front().size() < 8 || m_fs <= 0.0)
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
    return classifyPeaks(magnitude, envelope, perLeadSlope);
}

std::vector<QrsBeat>
QrsDetector::classifyPeaks(const std::vector<float>& magnitude, const std::vector<float>& envelope,
                           const std::vector<std::vector<float>>& perLeadSlope) const {
    const auto n = std::int64_t(envelope.size());
    const std::int64_t half =
        std::max<std::int64_t>(1, std::llround(m_settings.integrationS * m_fs / 2));

    // Envelope peaks, each with its fiducial point and steepness.
    std::vector<Candidate> cands;
    for (std::int64_t i = 1; i + 1 < n; ++i) {
        const float e = envelope[std::size_t(i)];
        if (!(e > envelope[std::size_t(i - 1)] && e >= envelope[std::size_t(i + 1)]))
            continue;
        Candidate c;
        c.pos = i;
        c.env = e;
        const std::int64_t a = std::max<std::int64_t>(0, i - half);
        const std::int64_t b = std::min(n, i + half + 1);
        const auto it = std::max_element(magnitude.begin() + a, magnitude.begin() + b);
        c.fiducial = std::int64_t(it - magnitude.begin());
        c.slope = *it;
        cands.push_back(c);
    }
    if (cands.empty())
        return {};

    // Initial levels from the first two seconds.
    const std::int64_t learn = std::min(n, std::int64_t(2.0 * m_fs));
    const float learnMax = *std::max_element(envelope.begin(), envelope.begin() + learn);
    const double learnMean =
        std::accumulate(envelope.begin(), envelope.begin() + learn, 0.0) / double(learn);
    double signalLevel = 0.5 * learnMax;
    double noiseLevel = 0.5 * learnMean;
    double rrMean = 0.8 * m_fs;

    const auto refractory = std::int64_t(m_settings.refractoryS * m_fs);
    const auto tWindow = std::int64_t(m_settings.tWaveWindowS * m_fs);

    // Per-lead QRS levels, for the lead-agreement test of premature candidates.
    const std::size_t leadCount = perLeadSlope.size();
    std::vector<double> leadLevel(leadCount, 0.0);
    const std::size_t agreementNeeded =
        leadCount >= 2 ? std::max<std::size_t>(2, (leadCount + 1) / 2) : 0;
    auto leadEnvelope = [&](std::size_t l, std::int64_t pos) {
        const auto& x = perLeadSlope[l];
        const std::int64_t a = std::max<std::int64_t>(0, pos - half);
        const std::int64_t b = std::min(n, pos + half + 1);
        double sum = 0.0;
        for (std::int64_t i = a; i < b; ++i)
            sum += x[std::size_t(i)];
        return sum / double(b - a);
    };
    std::vector<QrsBeat> beats;
    std::int64_t lastPos = -1;
    float lastSlope = 0.0f;
    std::int64_t lastDecay = -1;
    double levelAtLastBeat = 0.0; // from beats found without decay: noise can't drag it down
    bool decayedSinceBeat = false;
    std::size_t bestSinceBeat = cands.size(); // search-back candidate; cands.size(): none
    auto threshold = [&] {
        return noiseLevel + m_settings.thresholdShare * (signalLevel - noiseLevel);
    };
    auto isTWave = [&](const Candidate& c) {
        // The window grows with slow rhythms, whose T waves come later.
        const double window = std::max(double(tWindow), 0.5 * rrMean);
        return lastPos >= 0 && double(c.pos - lastPos) < window &&
               c.slope < m_settings.tWaveSlopeRatio * lastSlope;
    };
    // A premature candidate (noise bursts usually are) must show on several leads, each
    // at a fair share of that lead's usual QRS level; one noisy lead is not enough.
    auto leadsDisagree = [&](const Candidate& c) {
        if (agreementNeeded == 0 || beats.size() < 8 ||
            double(c.pos - lastPos) >= m_settings.prematureRr * rrMean)
            return false;
        std::size_t agree = 0;
        for (std::size_t l = 0; l < leadCount; ++l)
            if (leadEnvelope(l, c.pos) >= m_settings.leadAgreement * leadLevel[l])
                ++agree;
        return agree < agreementNeeded;
    };
    auto accept = [&](std::size_t index, bool searchBack) {
        const Candidate& c = cands[index];
        for (std::size_t l = 0; l < leadCount; ++l) {
            const double e = leadEnvelope(l, c.pos);
            leadLevel[l] = beats.empty() ? e : leadLevel[l] + 0.125 * (e - leadLevel[l]);
        }
        const double weight = searchBack ? 0.25 : 0.125;
        signalLevel += weight * (std::min(double(c.env), 3.0 * signalLevel) - signalLevel);
        if (lastPos >= 0) {
            const double rr = double(c.pos - lastPos);
            rrMean += 0.125 * (std::clamp(rr, 0.5 * rrMean, 1.66 * rrMean) - rrMean);
        }
        beats.push_back({c.fiducial, c.env});
        if (!decayedSinceBeat)
            levelAtLastBeat = signalLevel;
        decayedSinceBeat = false;
        lastPos = c.pos;
        lastSlope = c.slope;
        bestSinceBeat = cands.size();
    };

    for (std::size_t i = 0; i < cands.size(); ++i) {
        const Candidate& c = cands[i];
        // No beat for several RR intervals and nothing to recover: the QRS may have shrunk
        // (electrode moved, lead re-attached). Let the signal level decay so the detector
        // re-acquires smaller beats instead of waiting forever.
        if (lastPos >= 0 &&
            double(c.pos - std::max(lastPos, lastDecay)) > 2.0 * m_settings.searchBackRr * rrMean) {
            // ...but not below a twentieth of the level of the last beats, so a lead that
            // came off (flat line, faint noise) does not turn its noise into beats.
            signalLevel = std::max({noiseLevel, 0.5 * signalLevel, 0.15 * levelAtLastBeat});
            lastDecay = c.pos;
            decayedSinceBeat = true;
            // Older candidates were judged at the old level; don't recover them now.
            bestSinceBeat = cands.size();
        }
        // Missed beat? Take the largest candidate since the last beat if it reached half
        // the threshold. The largest is tracked as we go, so a long stretch without beats
        // (lead off, asystole) costs linear time.
        if (lastPos >= 0 && double(c.pos - lastPos) > m_settings.searchBackRr * rrMean &&
            bestSinceBeat < cands.size() && cands[bestSinceBeat].env > 0.5 * threshold()) {
            const std::size_t recovered = bestSinceBeat;
            accept(recovered, true);
            i = recovered; // resume after the recovered beat
            continue;
        }
        if (lastPos >= 0 && c.pos - lastPos <= refractory) {
            // A much larger peak right after a beat: the beat was a P wave or a QRS
            // shoulder; move the beat to the larger peak.
            if (c.env > 1.5f * beats.back().amplitude && c.slope > lastSlope) {
                beats.back() = {c.fiducial, c.env};
                lastPos = c.pos;
                lastSlope = c.slope;
                bestSinceBeat = cands.size();
            } else {
                // Extra peaks inside a QRS are few; many of them mean noise bursts, which
                // should raise the threshold.
                noiseLevel += 0.125 * (double(c.env) - noiseLevel);
            }
            continue;
        }
        if (c.env > threshold() && !isTWave(c) && !leadsDisagree(c)) {
            accept(i, false);
            continue;
        }
        noiseLevel += 0.125 * (double(c.env) - noiseLevel);
        if (lastPos >= 0 && !isTWave(c) &&
            (bestSinceBeat == cands.size() || c.env > cands[bestSinceBeat].env))
            bestSinceBeat = i;
    }
    return beats;
}

} // namespace cardiolens::ecg
