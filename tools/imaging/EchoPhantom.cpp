#include "EchoPhantom.h"

#include <numbers>

namespace cardiolens::tools {

EchoPhantomPhase EchoPhantom::phase(int p) {
    return p == 0 ? EchoPhantomPhase{80.0, 22.0, 25.0} : EchoPhantomPhase{68.0, 15.5, 18.0};
}

double EchoPhantom::volumeMl(const EchoPhantomPhase& ph) {
    return 2.0 / 3.0 * std::numbers::pi * ph.b2Mm * ph.b4Mm * ph.longAxisMm / 1000.0;
}

double EchoPhantom::singlePlaneVolumeMl(const EchoPhantomPhase& ph, bool fourChamber) {
    const double b = fourChamber ? ph.b4Mm : ph.b2Mm;
    return 2.0 / 3.0 * std::numbers::pi * b * b * ph.longAxisMm / 1000.0;
}

imaging::Mask2D EchoPhantom::render(const EchoPhantomPhase& ph, bool fourChamber) {
    imaging::Mask2D mask(kWidth, kHeight);
    const double b = fourChamber ? ph.b4Mm : ph.b2Mm;
    const double wall = 7.0;
    // Mitral plane on a row boundary (pixel rows <= 189 are ventricle, >= 190 atrium),
    // so the LV/LA interface lies exactly on it.
    const double baseY = 189.5 * kSpacing[1];
    const double cx = 0.5 * kWidth * kSpacing[0] + 0.13;
    const double laA = 0.8 * b, laB = 22.0;
    for (int y = 0; y < kHeight; ++y) {
        for (int x = 0; x < kWidth; ++x) {
            const double px = x * kSpacing[0] - cx;
            const double py = y * kSpacing[1] - baseY; // negative above the mitral plane
            std::uint8_t v = 0;
            if (py < 0.0) {
                const double inner = px * px / (b * b) + py * py / (ph.longAxisMm * ph.longAxisMm);
                const double ow = b + wall, ol = ph.longAxisMm + wall;
                const double outer = px * px / (ow * ow) + py * py / (ol * ol);
                v = inner <= 1.0 ? 1 : (outer <= 1.0 ? 2 : 0);
            } else {
                const double la = px * px / (laA * laA) + (py - laB) * (py - laB) / (laB * laB);
                v = la <= 1.0 ? 3 : 0;
            }
            mask.at(x, y) = v;
        }
    }
    return mask;
}

} // namespace cardiolens::tools
