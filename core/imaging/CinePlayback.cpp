#include "imaging/CinePlayback.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace cardiolens::imaging {

namespace {
constexpr double kDefaultFrameMs = 40.0; // 25 fps when a file says nothing about timing
constexpr double kMinFrameMs = 1.0;
} // namespace

void CinePlayback::setTiming(const VolumeGeometry& g, int phases) {
    std::vector<double> d(std::size_t(std::max(phases, 0)), 0.0);
    const bool triggers = g.triggerTimesMs.size() == d.size() && d.size() > 1;
    if (triggers) {
        double sum = 0.0;
        int count = 0;
        for (std::size_t i = 0; i + 1 < d.size(); ++i) {
            d[i] = g.triggerTimesMs[i + 1] - g.triggerTimesMs[i];
            if (d[i] > 0.0) {
                sum += d[i];
                ++count;
            }
        }
        const double mean = count > 0 ? sum / count : kDefaultFrameMs;
        for (double& v : d)
            if (v <= 0.0) // repeated or decreasing trigger times: fall back to the mean
                v = mean;
        d.back() = mean;
    } else {
        std::fill(d.begin(), d.end(), g.frameTimeMs > 0.0 ? g.frameTimeMs : kDefaultFrameMs);
    }
    setDurations(std::move(d));
}

void CinePlayback::setDurations(std::vector<double> durationsMs) {
    for (double& v : durationsMs)
        v = std::max(v, kMinFrameMs);
    m_durationsMs = std::move(durationsMs);
    reset(0);
}

void CinePlayback::setSpeed(double factor) {
    m_speed = std::clamp(factor, 0.05, 20.0);
}

double CinePlayback::durationMs(int phase) const {
    if (phase < 0 || phase >= phases())
        return kDefaultFrameMs;
    return m_durationsMs[std::size_t(phase)];
}

double CinePlayback::framesPerSecond() const {
    if (m_durationsMs.empty())
        return 0.0;
    const double mean = std::accumulate(m_durationsMs.begin(), m_durationsMs.end(), 0.0) / phases();
    return 1000.0 * m_speed / mean;
}

void CinePlayback::reset(int phase) {
    m_phase = std::clamp(phase, 0, std::max(phases() - 1, 0));
    m_intoPhaseMs = 0.0;
    m_direction = 1;
}

int CinePlayback::nextPhase() {
    const int n = phases();
    if (n <= 1)
        return 0;
    if (m_mode == Mode::Loop)
        return (m_phase + 1) % n;
    if (m_phase + m_direction < 0 || m_phase + m_direction >= n)
        m_direction = -m_direction;
    return m_phase + m_direction;
}

int CinePlayback::advance(double elapsedMs) {
    if (phases() <= 1 || elapsedMs <= 0.0)
        return m_phase;
    m_intoPhaseMs += elapsedMs * m_speed;
    // A long stall (window hidden, debugger) must not spin through thousands of phases.
    double cycleMs = 0.0;
    for (double v : m_durationsMs)
        cycleMs += v;
    if (m_intoPhaseMs > 2.0 * cycleMs)
        m_intoPhaseMs = std::fmod(m_intoPhaseMs, cycleMs);
    while (m_intoPhaseMs >= durationMs(m_phase)) {
        m_intoPhaseMs -= durationMs(m_phase);
        m_phase = nextPhase();
    }
    return m_phase;
}

} // namespace cardiolens::imaging
