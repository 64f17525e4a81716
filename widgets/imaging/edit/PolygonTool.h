#pragma once

#include "imaging/Polygon.h"
#include "imaging/edit/EditTool.h"

namespace cardiolens::widgets {

/// Polygon (click vertices; double click or Enter closes) and freehand lasso (drag, release
/// closes) fill through the core's PolygonFill: Add, or Subtract with Shift held at the
/// first point. Backspace-free: Escape abandons the outline.
class PolygonTool : public EditTool {
public:
    enum class Kind { Polygon, Lasso };
    PolygonTool(EditContext& context, Kind kind);

    QString name() const override;
    void press(QPointF p, Qt::KeyboardModifiers modifiers) override;
    void drag(QPointF p) override;
    void release(QPointF p) override;
    void doubleClick(QPointF p) override;
    bool finish() override;
    bool cancel() override;
    bool isBusy() const override { return !m_points.empty(); }
    void paint(QPainter& painter, const CineView& view,
               std::optional<QPointF> hover) const override;

private:
    Kind m_kind;
    imaging::Polygon m_points;
    bool m_subtract = false;
    bool m_dragging = false;
};

} // namespace cardiolens::widgets
