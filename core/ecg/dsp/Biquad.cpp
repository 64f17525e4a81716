#include "ecg/dsp/Biquad.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <numbers>

namespace cardiolens::ecg {

namespace {
// Q of each section of an even-order Butterworth filter (pole pairs of the analog prototype).
std::vector<double> butterworthQs(int order) {
    std::vector<double> qs;
    const int pairs = std::max(1, order / 2);
    for (int k = 0; k < pairs; ++k) {
        const double theta = std::numbers::pi * (2.0 * k + 1.0) / (4.0 * pairs);
        qs.push_back(1.0 / (2.0 * std::cos(theta)));
    }
    return qs;
}

double prewarp(double hz, double fs) {
    // Keep the cut-off strictly below Nyquist so tan() stays finite.
    const double f = std::clamp(hz, 1e-6 * fs, 0.499 * fs);
    return std::tan(std::numbers::pi * f / fs);
}

template <typename It> void runCascade(const std::vector<Biquad>& sections, It first, It last) {
    if (first == last)
        return;
    for (const Biquad& s : sections) {
        // Steady state for a constant input equal to the first sample.
        const double x0 = *first;
        const double y0 = s.dcGain() * x0;
        double z1 = y0 - s.b0 * x0;
        double z2 = s.b2 * x0 - s.a2 * y0;
        for (It it = first; it != last; ++it) {
            const double x = *it;
            const double y = s.b0 * x + z1;
            z1 = s.b1 * x - s.a1 * y + z2;
            z2 = s.b2 * x - s.a2 * y;
            *it = y;
        }
    }
}
} // namespace

double Biquad::magnitudeAt(double hz, double fs) const {
    const std::complex<double> z1 = std::polar(1.0, -2.0 * std::numbers::pi * hz / fs);
    const std::complex<double> z2 = z1 * z1;
    return std::abs((b0 + b1 * z1 + b2 * z2) / (1.0 + a1 * z1 + a2 * z2));
}

double Biquad::dcGain() const {
    const double den = 1.0 + a1 + a2;
    return std::abs(den) < 1e-300 ? 0.0 : (b0 + b1 + b2) / den;
}

double Biquad::poleRadius() const {
    // Roots of z^2 + a1 z + a2.
    const std::complex<double> disc = std::sqrt(std::complex<double>(a1 * a1 - 4.0 * a2, 0.0));
    const std::complex<double> p1 = (-a1 + disc) / 2.0;
    const std::complex<double> p2 = (-a1 - disc) / 2.0;
    return std::max(std::abs(p1), std::abs(p2));
}

std::vector<Biquad> butterworthLowPass(double cutoffHz, double fs, int order) {
    const double k = prewarp(cutoffHz, fs);
    std::vector<Biquad> out;
    for (double q : butterworthQs(order)) {
        const double norm = 1.0 / (1.0 + k / q + k * k);
        Biquad s;
        s.b0 = k * k * norm;
        s.b1 = 2.0 * s.b0;
        s.b2 = s.b0;
        s.a1 = 2.0 * (k * k - 1.0) * norm;
        s.a2 = (1.0 - k / q + k * k) * norm;
        out.push_back(s);
    }
    return out;
}

std::vector<Biquad> butterworthHighPass(double cutoffHz, double fs, int order) {
    const double k = prewarp(cutoffHz, fs);
    std::vector<Biquad> out;
    for (double q : butterworthQs(order)) {
        const double norm = 1.0 / (1.0 + k / q + k * k);
        Biquad s;
        s.b0 = norm;
        s.b1 = -2.0 * norm;
        s.b2 = norm;
        s.a1 = 2.0 * (k * k - 1.0) * norm;
        s.a2 = (1.0 - k / q + k * k) * norm;
        out.push_back(s);
    }
    return out;
}

Biquad notch(double centreHz, double fs, double q) {
    const double k = prewarp(centreHz, fs);
    const double norm = 1.0 / (1.0 + k / q + k * k);
    Biquad s;
    s.b0 = (1.0 + k * k) * norm;
    s.b1 = 2.0 * (k * k - 1.0) * norm;
    s.b2 = s.b0;
    s.a1 = s.b1;
    s.a2 = (1.0 - k / q + k * k) * norm;
    return s;
}

BiquadCascade::BiquadCascade(std::vector<Biquad> sections) : m_sections(std::move(sections)) {}

double BiquadCascade::magnitudeAt(double hz, double fs) const {
    double m = 1.0;
    for (const Biquad& s : m_sections)
        m *= s.magnitudeAt(hz, fs);
    return m;
}

long BiquadCascade::settlingSamples(double tolerance) const {
    long total = 0;
    for (const Biquad& s : m_sections) {
        const double r = std::min(s.poleRadius(), 1.0 - 1e-12);
        if (r <= 0.0)
            continue;
        // Sections in cascade: their tails add up at most.
        total += long(std::ceil(std::log(tolerance) / std::log(r)));
    }
    return total;
}

void BiquadCascade::forward(std::span<double> data) const {
    runCascade(m_sections, data.begin(), data.end());
}

void BiquadCascade::backward(std::span<double> data) const {
    runCascade(m_sections, data.rbegin(), data.rend());
}

} // namespace cardiolens::ecg
