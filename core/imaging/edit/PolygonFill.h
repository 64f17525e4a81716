#pragma once

#include "imaging/Polygon.h"
#include "imaging/edit/PaintRule.h"

#include <cstdint>

namespace cardiolens::imaging {

class EditableLabels;

/// Polygon and freehand lasso fill (ITK-SNAP's polygon tool, Slicer's Scissors): the
/// pixels inside the closed outline, decided by PolygonRasterizer (pixel-centre rule),
/// get a label (Add) or lose it (Subtract). One action.
class PolygonFill {
public:
    enum class Mode { Add, Subtract };

    /// Add: pixels inside \a outline that \a rule allows become \a label.
    /// Subtract: pixels inside holding \a label become background (label 0 subtracts
    /// every label). False when nothing changed.
    static bool apply(EditableLabels& doc, int slice, int phase, const Polygon& outline,
                      std::uint8_t label, Mode mode = Mode::Add, PaintRule rule = {});
};

} // namespace cardiolens::imaging
