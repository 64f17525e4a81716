#pragma once
// Internal to QrsDetector: turns the fused slope envelope's peaks into beats.

#include "ecg/dsp/QrsDetector.h"

#include <cstdint>
#include <vector>

namespace cardiolens::ecg {

/// One pass over the envelope peaks with adaptive signal/noise levels (Pan-Tompkins
/// style): refractory period, T-wave slope test, lead agreement for premature candidates,
/// search-back at half threshold and a level decay after long silences. Each rule is one
/// method; the levels they share are members.
class QrsPeakClassifier {
public:
    QrsPeakClassifier(double fs, const QrsDetectorSettings& settings,
                      const std::vector<float>& magnitude, const std::vector<float>& envelope,
                      const std::vector<std::vector<float>>& perLeadSlope);

    std::vector<QrsBeat> run();

private:
    struct Candidate {
        std::int64_t pos = 0;      ///< Envelope peak.
        std::int64_t fiducial = 0; ///< Largest band-passed magnitude near the peak.
        float env = 0.0f;
        float slope = 0.0f; ///< That largest magnitude: QRS steepness for the T-wave test.
    };

    void findCandidates();
    void learnInitialLevels();
    double threshold() const;
    bool isTWave(const Candidate& c) const;
    bool leadsDisagree(const Candidate& c) const;
    double leadEnvelope(std::size_t lead, std::int64_t pos) const;
    void accept(std::size_t index, bool searchBack);
    void decayAfterSilence(const Candidate& c);
    bool searchBack(std::size_t& i);
    void inRefractory(const Candidate& c);
    void asNoise(std::size_t i);

    const double m_fs;
    const QrsDetectorSettings& m_settings;
    const std::vector<float>& m_magnitude;
    const std::vector<float>& m_envelope;
    const std::vector<std::vector<float>>& m_perLeadSlope;
    const std::int64_t m_half;       ///< Half the integration window, in samples.
    const std::int64_t m_refractory; ///< In samples.
    const std::int64_t m_tWindow;    ///< Shortest T-wave window, in samples.
    std::size_t m_agreementNeeded = 0;

    std::vector<Candidate> m_cands;
    std::vector<QrsBeat> m_beats;
    double m_signalLevel = 0.0;
    double m_noiseLevel = 0.0;
    double m_rrMean = 0.0;
    std::vector<double> m_leadLevel; ///< Usual QRS level per lead (lead-agreement test).
    std::int64_t m_lastPos = -1;
    float m_lastSlope = 0.0f;
    std::int64_t m_lastDecay = -1;
    double m_levelAtLastBeat = 0.0; ///< From beats found without decay: noise can't lower it.
    bool m_decayedSinceBeat = false;
    std::size_t m_bestSinceBeat = 0; ///< Search-back candidate; m_cands.size(): none.
};

} // namespace cardiolens::ecg
