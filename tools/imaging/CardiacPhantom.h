#pragma once

#include "imaging/LabelCine.h"

#include <array>

namespace cardiolens::tools {

/// Semi-axes (mm) of the analytic heart at one phase: an LV blood-pool ellipsoid inside a
/// myocardial shell (outer ellipsoid = inner semi-axes + wall), and a separate RV ellipsoid.
struct PhantomPhase {
    std::array<double, 3> lv;
    double wall;
    std::array<double, 3> rv;
};

/// Geometry of the short-axis cine the phantom is sampled on.
struct CardiacPhantomSpec {
    int nx = 128;
    int ny = 128;
    int nz = 14;
    int phases = 20;
    std::array<double, 3> spacing{1.5, 1.5, 8.0}; ///< mm; z is the slice spacing.
    int edPhase = 0;                              ///< 0-based; ED must come first.
    int esPhase = 7;
    double scale = 1.0; ///< Scales every size (a second, smaller or larger heart).
};

/// Analytic phantom with known volumes at every phase: the LV and RV shrink smoothly from
/// ED to ES and grow back; the wall thickens in systole. Voxels are labelled by their
/// centres (internal labels).
class CardiacPhantom {
public:
    explicit CardiacPhantom(CardiacPhantomSpec spec = {});

    const CardiacPhantomSpec& spec() const { return m_spec; }
    PhantomPhase phase(int p) const;

    double lvVolumeMl(int p) const;
    double myocardiumVolumeMl(int p) const;
    double rvVolumeMl(int p) const;

    /// All phases.
    imaging::LabelCine render() const;
    /// One phase into nx * ny * nz values.
    void renderPhase(int p, std::uint8_t* out) const;
    /// A smooth grey image for phase p (int16): blood bright, myocardium dark, some
    /// background texture. Used for the image files next to the labels.
    void renderImagePhase(int p, std::int16_t* out) const;

private:
    double systoleFraction(int p) const; ///< 0 at ED, 1 at ES.
    CardiacPhantomSpec m_spec;
};

} // namespace cardiolens::tools
