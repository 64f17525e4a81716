#pragma once

#include "imaging/Mask2D.h"
#include "imaging/Polygon.h"
#include "imaging/edit/PaintRule.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace cardiolens::imaging {

class EditableLabels;

/// Contour editing: one label of a frame as outlines (MaskContourTracer: outer outlines and
/// holes) whose vertices can be dragged; apply() rasterises the edited outlines with
/// PolygonRasterizer (even-odd, so holes stay holes) and writes the difference as one
/// action. Unedited outlines rasterise back to exactly the traced pixels (a no-op).
class ContourEdit {
public:
    struct Vertex {
        int outline = 0;
        int index = 0;
    };

    /// Traces \a label of frame (slice, phase); \a simplifyTolerance (pixels) thins the
    /// staircase to fewer, draggable vertices (0 keeps every corner).
    ContourEdit(const EditableLabels& doc, int slice, int phase, std::uint8_t label,
                double simplifyTolerance = 0.0);

    const std::vector<Polygon>& outlines() const { return m_outlines; }
    void setOutlines(std::vector<Polygon> outlines) { m_outlines = std::move(outlines); }
    /// The vertex nearest to \a point within \a maxDistance pixels.
    std::optional<Vertex> nearestVertex(Point2 point, double maxDistance) const;
    void moveVertex(Vertex vertex, Point2 to);

    /// The edited outlines rasterised on the frame's grid (label where inside, else 0).
    Mask2D rasterised() const;
    /// Writes what the edits changed: pixels the edited outlines cover and the traced ones
    /// did not get the label (where \a rule allows), pixels of the label they no longer
    /// cover become background. Only those pixels change, so a simplified outline's small
    /// staircase differences elsewhere never reach the labels. False when nothing changed.
    bool apply(EditableLabels& doc, PaintRule rule = {}) const;

private:
    int m_slice = 0;
    int m_phase = 0;
    int m_width = 0;
    int m_height = 0;
    std::uint8_t m_label = 0;
    std::vector<Polygon> m_outlines;
    Mask2D m_traced; // the outlines as traced, rasterised
};

} // namespace cardiolens::imaging
