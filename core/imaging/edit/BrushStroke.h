#pragma once

#include "imaging/Polygon.h"
#include "imaging/edit/EditTransaction.h"
#include "imaging/edit/PaintRule.h"

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace cardiolens::imaging {

class CineVolume;
class EditableLabels;

/// A round brush (ITK-SNAP's paintbrush, Slicer's Paint/Erase effects).
struct BrushSettings {
    enum class Unit { Pixels, Millimetres };
    double radius = 3.0;
    Unit unit = Unit::Pixels;
    std::uint8_t value = 1; ///< Label painted; 0 makes it an eraser.
    PaintRule rule;
    /// Threshold-limited brush: only pixels whose image value lies in [lower, upper].
    struct Range {
        double lower = 0.0;
        double upper = 0.0;
    };
    std::optional<Range> threshold;

    /// Semi-axes of the footprint in pixels: the radius itself in Pixels, radius / spacing
    /// along each axis in Millimetres (an ellipse on anisotropic pixels).
    std::array<double, 2> radiiInPixels(const std::array<double, 2>& pixelSpacing) const;
};

/// One brush stroke on one frame: press, moves, release = ONE undoable action. The brush
/// covers every pixel whose centre lies within the radius (in the chosen unit) of the
/// polyline through the stroke's points, so fast moves leave no gaps. Pixels change in
/// place on every move (the display follows at once); finish() records the action, a
/// stroke that changed nothing records nothing. The paint rule and the threshold look at
/// the labels as they were before the stroke.
class BrushStroke {
public:
    /// \a image (may be null) supplies intensities for the threshold and must outlive the
    /// stroke; a threshold without an image paints nothing.
    BrushStroke(EditableLabels& doc, int slice, int phase, const BrushSettings& settings,
                const CineVolume* image = nullptr);

    /// Extends the stroke to \a point (pixel coordinates); the first call is the press.
    /// Returns the box of pixels the move may have changed.
    FrameBox moveTo(Point2 point);
    /// Records the stroke; false when it changed nothing.
    bool finish();
    /// Restores the frame as it was before the stroke.
    void cancel();
    bool isActive() const { return m_tx.isOpen(); }
    int moves() const { return m_moves; }

    /// True when pixel centre (x, y) is covered by a brush with semi-axes \a radii swept
    /// from \a a to \a b.
    static bool covers(Point2 a, Point2 b, std::array<double, 2> radii, double x, double y);

private:
    void stamp(Point2 a, Point2 b, const FrameBox& box);

    EditTransaction m_tx;
    int m_slice = 0;
    int m_phase = 0;
    BrushSettings m_settings;
    std::array<double, 2> m_radii{};
    std::vector<float> m_intensity; // the image frame, for the threshold
    bool m_hasIntensity = false;
    std::optional<Point2> m_last;
    int m_moves = 0;
};

} // namespace cardiolens::imaging
