#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace cardiolens::ecg {

/// Tunables of the QRS detector; the defaults work from 128 to 1000 Hz.
struct QrsDetectorSettings {
    double bandLowHz = 5.0; ///< QRS energy band.
    double bandHighHz = 22.0;
    double integrationS = 0.10;   ///< Moving-window integration (centred).
    double refractoryS = 0.20;    ///< No second beat within this span.
    double tWaveWindowS = 0.36;   ///< Candidates this close to a beat get the T-wave test.
    double tWaveSlopeRatio = 0.5; ///< ...and are T waves when their slope is below this share.
    double thresholdShare = 0.30; ///< Threshold = noise + share * (signal - noise).
    double searchBackRr = 1.66;   ///< Search back after this many mean RR intervals.
    double prematureRr = 0.75;    ///< Earlier beats must show on several leads...
    double leadAgreement = 0.30;  ///< ...each at this share of its usual QRS level.
    // Weak-beat review (WeakBeatFilter.h): a beat below both shares of the local QRS
    // level (80th percentile of its 2 x 16 neighbours) is dropped when the RR interval
    // left behind is at most weakGapRr local RR intervals.
    double weakSlopeShare = 0.45;
    double weakEnvelopeShare = 0.45;
    int weakNeighbourhood = 16;
    double weakGapRr = 1.4;
};

/// One detected beat.
struct QrsBeat {
    std::int64_t sample = 0; ///< Fiducial point (largest QRS slope energy), in samples.
    float amplitude = 0.0f;  ///< Envelope height at the detection.
    float slope = 0.0f;      ///< Largest band-passed slope magnitude: the QRS steepness.
};

/// Multi-lead QRS detector of our own design: each lead is band-passed (zero phase) to the
/// QRS band and differentiated; the leads are fused as the vector magnitude of those slopes
/// (so a lead with a tiny QRS, such as lead I of some CPSC 2021 records, simply contributes
/// little), smoothed by a centred moving window, and the envelope's peaks are classified
/// with adaptive signal/noise levels (peaks inside the refractory period count as noise, so
/// noise bursts raise the threshold), a refractory period that moves a beat to a much larger
/// peak right after it (P waves), a T-wave slope test, a lead-agreement test for premature
/// candidates, and a search-back for missed beats at half threshold; a last review over
/// the whole record drops detections far weaker than the QRS complexes around them.
class QrsDetector {
public:
    explicit QrsDetector(double fs, QrsDetectorSettings settings = {});

    /// Leads in physical units (mV or any common unit), all of the same length.
    std::vector<QrsBeat> detect(const std::vector<std::span<const float>>& leads) const;

    /// Convenience: the beat positions only.
    static std::vector<std::int64_t> positions(const std::vector<QrsBeat>& beats);

private:
    std::vector<float> fusedMagnitude(const std::vector<std::span<const float>>& leads,
                                      std::vector<std::vector<float>>& perLeadSlope) const;

    double m_fs;
    QrsDetectorSettings m_settings;
};

} // namespace cardiolens::ecg
