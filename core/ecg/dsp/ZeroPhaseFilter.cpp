#include "ecg/dsp/ZeroPhaseFilter.h"

#include <algorithm>
#include <cmath>

namespace cardiolens::ecg {

ZeroPhaseFilter::ZeroPhaseFilter(const FilterSettings& s, double fs) : m_fs(fs) {
    std::vector<Biquad> sections;
    const int order = std::max(2, s.order + (s.order % 2));
    const double nyquist = fs / 2.0;
    double highPass = s.highPassHz;
    if (s.removeBaselineWander)
        highPass = std::max(highPass, 0.67);
    if (highPass > 0.0 && highPass < nyquist) {
        auto hp = butterworthHighPass(highPass, fs, order);
        sections.insert(sections.end(), hp.begin(), hp.end());
    }
    // A low-pass at or above Nyquist is a no-op (e.g. 150 Hz on a 250 Hz record).
    if (s.lowPassHz > 0.0 && s.lowPassHz < 0.98 * nyquist) {
        auto lp = butterworthLowPass(s.lowPassHz, fs, order);
        sections.insert(sections.end(), lp.begin(), lp.end());
    }
    if (s.notchHz > 0.0 && s.notchHz < 0.98 * nyquist)
        sections.push_back(notch(s.notchHz, fs, s.notchQ));
    m_cascade = BiquadCascade(std::move(sections));
    m_warmUp = m_cascade.settlingSamples(1e-6);
}

double ZeroPhaseFilter::magnitudeAt(double hz) const {
    const double m = m_cascade.magnitudeAt(hz, m_fs);
    return m * m;
}

void ZeroPhaseFilter::apply(std::span<double> data) const {
    m_cascade.forward(data);
    m_cascade.backward(data);
}

std::vector<float> ZeroPhaseFilter::apply(std::span<const float> data) const {
    std::vector<double> work(data.begin(), data.end());
    apply(work);
    return std::vector<float>(work.begin(), work.end());
}

std::vector<double> ZeroPhaseFilter::applyWindow(const SampleReader& reader, std::int64_t length,
                                                 std::int64_t first, std::int64_t last) const {
    first = std::clamp<std::int64_t>(first, 0, length);
    last = std::clamp<std::int64_t>(last, first, length);
    if (first == last)
        return {};
    const std::int64_t readFirst = std::max<std::int64_t>(0, first - m_warmUp);
    const std::int64_t readLast = std::min<std::int64_t>(length, last + m_warmUp);
    std::vector<double> work(std::size_t(readLast - readFirst));
    reader(readFirst, readLast - readFirst, work.data());
    apply(work);
    return std::vector<double>(work.begin() + (first - readFirst),
                               work.begin() + (last - readFirst));
}

} // namespace cardiolens::ecg
