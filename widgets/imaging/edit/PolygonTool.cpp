#include "imaging/edit/PolygonTool.h"

#include "imaging/CineView.h"
#include "imaging/edit/EditableLabels.h"
#include "imaging/edit/PolygonFill.h"

#include <QCoreApplication>
#include <QPainter>
#include <QPolygonF>

#include <cmath>

namespace cardiolens::widgets {

PolygonTool::PolygonTool(EditContext& context, Kind kind) : EditTool(context), m_kind(kind) {}

QString PolygonTool::name() const {
    return m_kind == Kind::Polygon ? QCoreApplication::translate("PolygonTool", "Polygon")
                                   : QCoreApplication::translate("PolygonTool", "Lasso");
}

void PolygonTool::press(QPointF p, Qt::KeyboardModifiers modifiers) {
    if (m_points.empty())
        m_subtract = modifiers & Qt::ShiftModifier;
    if (m_kind == Kind::Lasso) {
        m_points.clear();
        m_dragging = true;
    }
    m_points.push_back({p.x(), p.y()});
}

void PolygonTool::drag(QPointF p) {
    if (m_kind != Kind::Lasso || !m_dragging || m_points.empty())
        return;
    // Keep a vertex every quarter pixel of travel: a smooth outline, few vertices.
    const imaging::Point2& last = m_points.back();
    if (std::hypot(p.x() - last.x, p.y() - last.y) >= 0.25)
        m_points.push_back({p.x(), p.y()});
}

void PolygonTool::release(QPointF p) {
    if (m_kind != Kind::Lasso || !m_dragging)
        return;
    drag(p);
    m_dragging = false;
    finish();
}

void PolygonTool::doubleClick(QPointF) {
    finish();
}

bool PolygonTool::finish() {
    if (m_points.empty())
        return false;
    imaging::Polygon outline = std::move(m_points);
    m_points.clear();
    if (outline.size() >= 3 && m_ctx.doc)
        imaging::PolygonFill::apply(
            *m_ctx.doc, m_ctx.slice, m_ctx.phase, outline, m_ctx.activeLabel,
            m_subtract ? imaging::PolygonFill::Mode::Subtract : imaging::PolygonFill::Mode::Add,
            m_ctx.brush.rule);
    return true;
}

bool PolygonTool::cancel() {
    const bool busy = !m_points.empty();
    m_points.clear();
    m_dragging = false;
    return busy;
}

void PolygonTool::paint(QPainter& painter, const CineView& view,
                        std::optional<QPointF> hover) const {
    if (m_points.empty())
        return;
    QPolygonF line;
    for (const imaging::Point2& q : m_points)
        line << view.widgetPointForPixel(q.x, q.y);
    if (hover && m_kind == Kind::Polygon)
        line << view.widgetPointForPixel(hover->x(), hover->y());
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(m_subtract ? QColor(255, 90, 90) : QColor(255, 230, 60), 1.5));
    painter.drawPolyline(line);
    painter.setPen(QPen(QColor(255, 255, 255, 120), 1, Qt::DotLine));
    painter.drawLine(line.back(), line.front());
}

} // namespace cardiolens::widgets
