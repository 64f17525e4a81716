#pragma once

#include "common/Result.h"
#include "imaging/Mask2D.h"
#include "imaging/Polygon.h"

#include <QJsonObject>

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace cardiolens::imaging {

/// LV long axis in one apical view, in pixel coordinates: from the middle of the mitral
/// annulus (base) to the endocardial apex.
struct LongAxis {
    Point2 base;
    Point2 apex;
};

inline constexpr int kSimpsonDiscs = 20;

/// Area, long-axis length and disc diameters of the LV cavity in one apical view.
struct EchoViewMeasure {
    double areaMm2 = 0;
    double lengthMm = 0;
    LongAxis axis;
    /// Mean cavity width (mm) in each of 20 slabs perpendicular to the long axis, base first.
    std::array<double, kSimpsonDiscs> discDiametersMm{};
};

/// Measures the \a lvLabel region of an apical 2- or 4-chamber mask with pixel spacing
/// \a spacing (mm, x then y). The long axis is \a axis when given (EchoNet tracings);
/// else the base is the middle of the LV / left-atrium interface when \a laLabel is
/// present (CAMUS), else the middle of the widest end of the cavity along its principal
/// axis; the apex is the cavity point farthest from the base.
Result<EchoViewMeasure> measureEchoView(const Mask2D& mask, std::array<double, 2> spacing,
                                        std::uint8_t lvLabel,
                                        std::optional<std::uint8_t> laLabel = std::nullopt,
                                        std::optional<LongAxis> axis = std::nullopt);

/// Single-plane area-length volume, V = 8 A^2 / (3 pi L), in ml.
double areaLengthVolumeMl(const EchoViewMeasure& view);
/// Single-plane method of discs, V = pi/4 sum d_i^2 L/20, in ml.
double simpsonSinglePlaneVolumeMl(const EchoViewMeasure& view);
/// Biplane method of discs, V = pi/4 sum a_i b_i L/20 with L the longer of the two axes.
double simpsonBiplaneVolumeMl(const EchoViewMeasure& twoChamber,
                              const EchoViewMeasure& fourChamber);

/// LV volumes and EF from the apical views at ED and ES. Either view may be missing;
/// biplane figures need both.
struct EchoMetrics {
    std::optional<EchoViewMeasure> ed2ch, es2ch, ed4ch, es4ch;
    /// Labelled sequences (CAMUS half_sequence_gt), one measure per frame; frames without
    /// an LV are left out of the volume curves.
    std::vector<EchoViewMeasure> sequence2ch, sequence4ch;
    QJsonObject toJson() const;
};

} // namespace cardiolens::imaging
