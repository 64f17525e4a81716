#include "ecg/dsp/QrsPeakClassifier_p.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace cardiolens::ecg {

QrsPeakClassifier::QrsPeakClassifier(double fs, const QrsDetectorSettings& settings,
                                     const std::vector<float>& magnitude,
                                     const std::vector<float>& envelope,
                                     const std::vector<std::vector<float>>& perLeadSlope)
    : m_fs(fs), m_settings(settings), m_magnitude(magnitude), m_envelope(envelope),
      m_perLeadSlope(perLeadSlope),
      m_half(std::max<std::int64_t>(1, std::llround(settings.integrationS * fs / 2))),
      m_refractory(std::int64_t(settings.refractoryS * fs)),
      m_tWindow(std::int64_t(settings.tWaveWindowS * fs)), m_leadLevel(perLeadSlope.size(), 0.0) {
    const std::size_t leads = perLeadSlope.size();
    m_agreementNeeded = leads >= 2 ? std::max<std::size_t>(2, (leads + 1) / 2) : 0;
}

void QrsPeakClassifier::findCandidates() {
    const auto n = std::int64_t(m_envelope.size());
    for (std::int64_t i = 1; i + 1 < n; ++i) {
        const float e = m_envelope[std::size_t(i)];
        if (!(e > m_envelope[std::size_t(i - 1)] && e >= m_envelope[std::size_t(i + 1)]))
            continue;
        const std::int64_t a = std::max<std::int64_t>(0, i - m_half);
        const std::int64_t b = std::min(n, i + m_half + 1);
        const auto it = std::max_element(m_magnitude.begin() + a, m_magnitude.begin() + b);
        m_cands.push_back({i, std::int64_t(it - m_magnitude.begin()), e, *it});
    }
    m_bestSinceBeat = m_cands.size();
}

void QrsPeakClassifier::learnInitialLevels() {
    // The median of the maxima of 2-s blocks over the first ten seconds is the QRS level:
    // each block holds a QRS at any rate above 30 bpm, and the median ignores a first block
    // without a beat (a hand-held recording starting before the fingers settle) or with a
    // noise burst. Starting at half the first block's maximum instead let P and T waves of
    // low-amplitude records through from the start, and the rate learnt from them then
    // shortened the T-wave window so that every T wave counted as a beat.
    const auto n = std::int64_t(m_envelope.size());
    const std::int64_t block = std::max<std::int64_t>(1, std::int64_t(2.0 * m_fs));
    const std::int64_t learn = std::min(n, 5 * block);
    std::vector<float> blockMax;
    for (std::int64_t a = 0; a < learn; a += block)
        blockMax.push_back(*std::max_element(m_envelope.begin() + a,
                                             m_envelope.begin() + std::min(learn, a + block)));
    const auto mid = blockMax.begin() + std::ptrdiff_t(blockMax.size() / 2);
    std::nth_element(blockMax.begin(), mid, blockMax.end());
    m_signalLevel = *mid;
    m_noiseLevel =
        0.5 * std::accumulate(m_envelope.begin(), m_envelope.begin() + learn, 0.0) / double(learn);
    m_rrMean = 0.8 * m_fs;
}

double QrsPeakClassifier::threshold() const {
    return m_noiseLevel + m_settings.thresholdShare * (m_signalLevel - m_noiseLevel);
}

bool QrsPeakClassifier::isTWave(const Candidate& c) const {
    // The window grows with slow rhythms, whose T waves come later.
    const double window = std::max(double(m_tWindow), 0.5 * m_rrMean);
    return m_lastPos >= 0 && double(c.pos - m_lastPos) < window &&
           c.slope < m_settings.tWaveSlopeRatio * m_lastSlope;
}

double QrsPeakClassifier::leadEnvelope(std::size_t lead, std::int64_t pos) const {
    const auto& x = m_perLeadSlope[lead];
    const auto n = std::int64_t(x.size());
    const std::int64_t a = std::max<std::int64_t>(0, pos - m_half);
    const std::int64_t b = std::min(n, pos + m_half + 1);
    double sum = 0.0;
    for (std::int64_t i = a; i < b; ++i)
        sum += x[std::size_t(i)];
    return sum / double(b - a);
}

bool QrsPeakClassifier::leadsDisagree(const Candidate& c) const {
    // A premature candidate (noise bursts usually are) must show on several leads, each at
    // a fair share of that lead's usual QRS level; one noisy lead is not enough.
    if (m_agreementNeeded == 0 || m_beats.size() < 8 ||
        double(c.pos - m_lastPos) >= m_settings.prematureRr * m_rrMean)
        return false;
    std::size_t agree = 0;
    for (std::size_t l = 0; l < m_leadLevel.size(); ++l)
        if (leadEnvelope(l, c.pos) >= m_settings.leadAgreement * m_leadLevel[l])
            ++agree;
    return agree < m_agreementNeeded;
}

void QrsPeakClassifier::accept(std::size_t index, bool searchBack) {
    const Candidate& c = m_cands[index];
    for (std::size_t l = 0; l < m_leadLevel.size(); ++l) {
        const double e = leadEnvelope(l, c.pos);
        m_leadLevel[l] = m_beats.empty() ? e : m_leadLevel[l] + 0.125 * (e - m_leadLevel[l]);
    }
    const double weight = searchBack ? 0.25 : 0.125;
    m_signalLevel += weight * (std::min(double(c.env), 3.0 * m_signalLevel) - m_signalLevel);
    if (m_lastPos >= 0) {
        const double rr = double(c.pos - m_lastPos);
        m_rrMean += 0.125 * (std::clamp(rr, 0.5 * m_rrMean, 1.66 * m_rrMean) - m_rrMean);
    }
    m_beats.push_back({c.fiducial, c.env, c.slope});
    if (!m_decayedSinceBeat)
        m_levelAtLastBeat = m_signalLevel;
    m_decayedSinceBeat = false;
    m_lastPos = c.pos;
    m_lastSlope = c.slope;
    m_bestSinceBeat = m_cands.size();
}

void QrsPeakClassifier::decayAfterSilence(const Candidate& c) {
    // No beat for several RR intervals and nothing to recover: the QRS may have shrunk
    // (electrode moved, lead re-attached). Let the signal level decay so the detector
    // re-acquires smaller beats instead of waiting forever...
    if (m_lastPos < 0 || double(c.pos - std::max(m_lastPos, m_lastDecay)) <=
                             2.0 * m_settings.searchBackRr * m_rrMean)
        return;
    // ...but not below 15 % of the level of the last beats, so a lead that came off (flat
    // line, faint noise) does not turn its noise into beats.
    m_signalLevel = std::max({m_noiseLevel, 0.5 * m_signalLevel, 0.15 * m_levelAtLastBeat});
    m_lastDecay = c.pos;
    m_decayedSinceBeat = true;
    // Older candidates were judged at the old level; don't recover them now.
    m_bestSinceBeat = m_cands.size();
}

bool QrsPeakClassifier::searchBack(std::size_t& i) {
    // Missed beat? Take the largest candidate since the last beat if it reached half the
    // threshold. The largest is tracked as we go, so a long stretch without beats (lead
    // off, asystole) costs linear time.
    const Candidate& c = m_cands[i];
    if (m_lastPos < 0 || double(c.pos - m_lastPos) <= m_settings.searchBackRr * m_rrMean ||
        m_bestSinceBeat >= m_cands.size() || m_cands[m_bestSinceBeat].env <= 0.5 * threshold())
        return false;
    i = m_bestSinceBeat; // resume after the recovered beat
    accept(i, true);
    return true;
}

void QrsPeakClassifier::inRefractory(const Candidate& c) {
    // A much larger peak right after a beat: the beat was a P wave or a QRS shoulder; move
    // the beat to the larger peak.
    if (c.env > 1.5f * m_beats.back().amplitude && c.slope > m_lastSlope) {
        m_beats.back() = {c.fiducial, c.env, c.slope};
        m_lastPos = c.pos;
        m_lastSlope = c.slope;
        m_bestSinceBeat = m_cands.size();
        return;
    }
    // Extra peaks inside a QRS are few; many of them mean noise bursts, which should raise
    // the threshold.
    m_noiseLevel += 0.125 * (double(c.env) - m_noiseLevel);
}

void QrsPeakClassifier::asNoise(std::size_t i) {
    const Candidate& c = m_cands[i];
    m_noiseLevel += 0.125 * (double(c.env) - m_noiseLevel);
    if (m_lastPos >= 0 && !isTWave(c) &&
        (m_bestSinceBeat == m_cands.size() || c.env > m_cands[m_bestSinceBeat].env))
        m_bestSinceBeat = i;
}

std::vector<QrsBeat> QrsPeakClassifier::run() {
    findCandidates();
    if (m_cands.empty())
        return {};
    learnInitialLevels();
    for (std::size_t i = 0; i < m_cands.size(); ++i) {
        const Candidate& c = m_cands[i];
        decayAfterSilence(c);
        if (searchBack(i))
            continue;
        if (m_lastPos >= 0 && c.pos - m_lastPos <= m_refractory)
            inRefractory(c);
        else if (c.env > threshold() && !isTWave(c) && !leadsDisagree(c))
            accept(i, false);
        else
            asNoise(i);
    }
    return std::move(m_beats);
}

} // namespace cardiolens::ecg
