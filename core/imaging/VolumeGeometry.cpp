#include "imaging/VolumeGeometry.h"

#include <cmath>

namespace cardiolens::imaging {

double VolumeGeometry::phaseTimeMs(int phase) const {
    if (phase >= 0 && std::size_t(phase) < triggerTimesMs.size())
        return triggerTimesMs[std::size_t(phase)];
    return phase * frameTimeMs;
}

std::array<double, 3> VolumeGeometry::sliceNormal() const {
    return {direction[2], direction[5], direction[8]};
}

std::array<double, 3> VolumeGeometry::voxelToPatient(double x, double y, double slice) const {
    const double i = x * pixelSpacing[0];
    const double j = y * pixelSpacing[1];
    const double k = slice * sliceSpacing;
    std::array<double, 3> p{};
    for (int r = 0; r < 3; ++r)
        p[r] =
            origin[r] + direction[r * 3] * i + direction[r * 3 + 1] * j + direction[r * 3 + 2] * k;
    return p;
}

bool VolumeGeometry::isOrthonormal(double tolerance) const {
    for (int a = 0; a < 3; ++a) {
        for (int b = a; b < 3; ++b) {
            double dot = 0.0;
            for (int r = 0; r < 3; ++r)
                dot += direction[r * 3 + a] * direction[r * 3 + b];
            const double expected = a == b ? 1.0 : 0.0;
            if (!(std::abs(dot - expected) <= tolerance)) // Also catches NaN.
                return false;
        }
    }
    return true;
}

QStringList VolumeGeometry::check(int phases) const {
    QStringList problems;
    if (!(pixelSpacing[0] > 0.0) || !(pixelSpacing[1] > 0.0))
        problems << QStringLiteral("pixel spacing %1 x %2 mm is not positive")
                        .arg(pixelSpacing[0])
                        .arg(pixelSpacing[1]);
    if (!(sliceSpacing > 0.0))
        problems << QStringLiteral("slice spacing %1 mm is not positive").arg(sliceSpacing);
    if (!isOrthonormal())
        problems << QStringLiteral("direction cosines are not orthonormal");
    if (!triggerTimesMs.empty()) {
        if (triggerTimesMs.size() != std::size_t(phases))
            problems << QStringLiteral("%1 trigger times for %2 phases")
                            .arg(triggerTimesMs.size())
                            .arg(phases);
        for (std::size_t i = 1; i < triggerTimesMs.size(); ++i) {
            if (!(triggerTimesMs[i] > triggerTimesMs[i - 1])) {
                problems << QStringLiteral("trigger times are not increasing at phase %1").arg(i);
                break;
            }
        }
    }
    return problems;
}

} // namespace cardiolens::imaging
