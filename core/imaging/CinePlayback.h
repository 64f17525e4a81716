#pragma once

#include "imaging/VolumeGeometry.h"

#include <vector>

namespace cardiolens::imaging {

/// Playback clock of a cine: how long each phase stays on screen (the study's own timing:
/// trigger-time differences, else the frame time, else 25 fps), a speed factor and a loop
/// or back-and-forth order. Time is fed in by the caller, so it runs without a timer and
/// tests can drive it; advance() never allocates.
class CinePlayback {
public:
    enum class Mode { Loop, Bounce };

    /// Phase durations from \a geometry for \a phases phases. The last phase of a
    /// trigger-timed cine lasts the mean interval (the R-R gap after it is unknown).
    void setTiming(const VolumeGeometry& geometry, int phases);
    /// Explicit durations (ms), e.g. for tests.
    void setDurations(std::vector<double> durationsMs);

    void setSpeed(double factor); ///< 1 = real time; clamped to 0.05..20.
    double speed() const { return m_speed; }
    void setMode(Mode mode) { m_mode = mode; }
    Mode mode() const { return m_mode; }

    int phases() const { return int(m_durationsMs.size()); }
    /// Real-time duration (ms) of \a phase, before the speed factor.
    double durationMs(int phase) const;
    /// Mean frames per second at the current speed.
    double framesPerSecond() const;

    /// Restarts the clock on \a phase.
    void reset(int phase);
    int phase() const { return m_phase; }
    /// Lets \a elapsedMs of wall time pass; returns the phase to show now.
    int advance(double elapsedMs);

private:
    int nextPhase();
    std::vector<double> m_durationsMs;
    double m_speed = 1.0;
    Mode m_mode = Mode::Loop;
    int m_phase = 0;
    int m_direction = 1;
    double m_intoPhaseMs = 0.0;
};

} // namespace cardiolens::imaging
