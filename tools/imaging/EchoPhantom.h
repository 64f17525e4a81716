#pragma once

#include "imaging/Mask2D.h"

#include <array>

namespace cardiolens::tools {

/// Analytic apical views of a truncated prolate LV: a half-ellipsoid with long semi-axis L
/// (apex to the mitral plane) and short semi-axes b2 (2-chamber plane) and b4 (4-chamber
/// plane). Each view is the half-ellipse cut through the long axis, apex at the top, with a
/// myocardial rim and the left atrium below the mitral plane, labelled in the CAMUS
/// convention (LV 1, MYO 2, LA 3).
struct EchoPhantomPhase {
    double longAxisMm;
    double b2Mm;
    double b4Mm;
};

class EchoPhantom {
public:
    /// 0 = ED, 1 = ES.
    static EchoPhantomPhase phase(int p);
    /// 2/3 pi b2 b4 L in ml: the true volume, which biplane discs estimate.
    static double volumeMl(const EchoPhantomPhase& ph);
    /// 2/3 pi b^2 L in ml for one view's b: what a single-plane method estimates.
    static double singlePlaneVolumeMl(const EchoPhantomPhase& ph, bool fourChamber);

    static constexpr int kWidth = 200;
    static constexpr int kHeight = 280;
    static constexpr std::array<double, 2> kSpacing{0.4,
                                                    0.5}; ///< mm (x, y): anisotropic on purpose.

    /// The view as a CAMUS-convention label mask.
    static imaging::Mask2D render(const EchoPhantomPhase& ph, bool fourChamber);
};

} // namespace cardiolens::tools
