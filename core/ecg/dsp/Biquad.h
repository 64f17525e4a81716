#pragma once

#include <span>
#include <vector>

namespace cardiolens::ecg {

/// One second-order IIR section, normalised so a0 == 1:
/// y[n] = b0 x[n] + b1 x[n-1] + b2 x[n-2] - a1 y[n-1] - a2 y[n-2].
struct Biquad {
    double b0 = 1.0, b1 = 0.0, b2 = 0.0, a1 = 0.0, a2 = 0.0;

    /// Magnitude of the frequency response at \a hz for sampling rate \a fs.
    double magnitudeAt(double hz, double fs) const;
    /// Gain at DC (0 for a high-pass or band-stop at 0 Hz).
    double dcGain() const;
    /// Largest pole radius (< 1 for a stable section).
    double poleRadius() const;
};

/// Butterworth designs by the bilinear transform with pre-warped cut-off. \a order is even
/// (2, 4, ...): the result is order/2 cascaded sections.
std::vector<Biquad> butterworthLowPass(double cutoffHz, double fs, int order);
std::vector<Biquad> butterworthHighPass(double cutoffHz, double fs, int order);
/// A second-order notch at \a centreHz with -3 dB bandwidth centreHz / q.
Biquad notch(double centreHz, double fs, double q);

/// A cascade of biquads (transposed direct form II, double state) that can run forward
/// or backward over a buffer in place.
class BiquadCascade {
public:
    BiquadCascade() = default;
    explicit BiquadCascade(std::vector<Biquad> sections);

    const std::vector<Biquad>& sections() const { return m_sections; }
    bool empty() const { return m_sections.empty(); }
    double magnitudeAt(double hz, double fs) const;

    /// Samples after which a start-up transient has decayed below \a tolerance (relative).
    long settlingSamples(double tolerance) const;

    /// Filters \a data in place, forward. The state starts as if the input had been
    /// constant at data.front() forever, which removes the start-up step.
    void forward(std::span<double> data) const;
    /// Same, running from the last sample to the first.
    void backward(std::span<double> data) const;

private:
    std::vector<Biquad> m_sections;
};

} // namespace cardiolens::ecg
