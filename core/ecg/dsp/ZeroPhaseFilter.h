#pragma once

#include "ecg/dsp/Biquad.h"

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace cardiolens::ecg {

/// Which filters to apply to an ECG lead. Zero frequencies mean "off".
struct FilterSettings {
    double highPassHz = 0.0;           ///< e.g. 0.05 (diagnostic) or 0.5 (monitor).
    double lowPassHz = 0.0;            ///< e.g. 150 (diagnostic) or 40 (monitor).
    double notchHz = 0.0;              ///< 50 or 60 (mains).
    bool removeBaselineWander = false; ///< 0.67 Hz zero-phase high-pass (AHA recommendation).
    int order = 2; ///< Butterworth order per pass (even); forward-backward doubles it.
    double notchQ = 30.0;

    static FilterSettings diagnostic() { return {0.05, 150.0, 0.0, false, 2, 30.0}; }
    static FilterSettings monitor() { return {0.5, 40.0, 0.0, false, 2, 30.0}; }
};

/// Reads \a count samples of one lead starting at \a first into \a out (physical or raw units).
using SampleReader = std::function<void(std::int64_t first, std::int64_t count, double* out)>;

/// Zero-phase (forward-backward) IIR filtering of one lead. Whole-record filtering and
/// windowed filtering share one code path: a window is widened by a warm-up span on both
/// sides (clipped to the record), so a page of a long record filters to the same values as
/// the whole record, except within a warm-up span of the record's ends.
class ZeroPhaseFilter {
public:
    ZeroPhaseFilter(const FilterSettings& settings, double fs);

    bool isIdentity() const { return m_cascade.empty(); }
    /// Magnitude response of the zero-phase filter (the cascade's, squared).
    double magnitudeAt(double hz) const;
    /// Warm-up span in samples on each side of a window (transients below 1e-6).
    std::int64_t warmUpSamples() const { return m_warmUp; }

    /// Filters a whole signal in place.
    void apply(std::span<double> data) const;
    std::vector<float> apply(std::span<const float> data) const;

    /// Filters samples [first, last) of a lead of \a length samples, reading only
    /// [first - warmUp, last + warmUp] through \a reader. Returns last - first values.
    std::vector<double> applyWindow(const SampleReader& reader, std::int64_t length,
                                    std::int64_t first, std::int64_t last) const;

private:
    double m_fs;
    BiquadCascade m_cascade;
    std::int64_t m_warmUp = 0;
};

} // namespace cardiolens::ecg
