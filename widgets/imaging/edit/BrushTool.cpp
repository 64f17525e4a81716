#include "imaging/edit/BrushTool.h"

#include "imaging/CineView.h"
#include "imaging/edit/EditableLabels.h"

#include <QCoreApplication>
#include <QPainter>

namespace cardiolens::widgets {

BrushTool::BrushTool(EditContext& context, bool eraser) : EditTool(context), m_eraser(eraser) {}

BrushTool::~BrushTool() = default;

QString BrushTool::name() const {
    return m_eraser ? QCoreApplication::translate("BrushTool", "Eraser")
                    : QCoreApplication::translate("BrushTool", "Paintbrush");
}

void BrushTool::press(QPointF p, Qt::KeyboardModifiers) {
    if (!m_ctx.doc)
        return;
    imaging::BrushSettings s = m_ctx.brush;
    s.value = m_eraser ? 0 : m_ctx.activeLabel;
    // The eraser removes the active label only when the paint rule restricts it to one.
    m_stroke = std::make_unique<imaging::BrushStroke>(*m_ctx.doc, m_ctx.slice, m_ctx.phase, s,
                                                      m_ctx.image);
    m_stroke->moveTo({p.x(), p.y()});
}

void BrushTool::drag(QPointF p) {
    if (m_stroke)
        m_stroke->moveTo({p.x(), p.y()});
}

void BrushTool::release(QPointF p) {
    if (!m_stroke)
        return;
    m_stroke->moveTo({p.x(), p.y()});
    m_stroke->finish();
    m_stroke.reset();
}

bool BrushTool::cancel() {
    if (!m_stroke)
        return false;
    m_stroke->cancel();
    m_stroke.reset();
    return true;
}

QRectF BrushTool::feedbackRect(const CineView& view, std::optional<QPointF> hover) const {
    if (!hover || !m_ctx.doc)
        return {};
    const auto radii = m_ctx.brush.radiiInPixels(m_ctx.doc->labels().geometry().pixelSpacing);
    const QPointF scale = view.widgetPixelsPerFramePixel();
    const QPointF c = view.widgetPointForPixel(hover->x(), hover->y());
    const double rx = radii[0] * scale.x() + 4.0, ry = radii[1] * scale.y() + 4.0;
    return {c.x() - rx, c.y() - ry, 2 * rx, 2 * ry};
}

void BrushTool::paint(QPainter& painter, const CineView& view, std::optional<QPointF> hover) const {
    if (!hover || !m_ctx.doc)
        return;
    // The footprint: an ellipse of the brush's semi-axes around the pointer, in screen units.
    const auto radii = m_ctx.brush.radiiInPixels(m_ctx.doc->labels().geometry().pixelSpacing);
    const QPointF scale = view.widgetPixelsPerFramePixel();
    const QPointF centre = view.widgetPointForPixel(hover->x(), hover->y());
    const QColor colour = m_eraser ? QColor(255, 255, 255) : QColor(255, 230, 60);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(QColor(0, 0, 0, 160), 3));
    painter.drawEllipse(centre, radii[0] * scale.x(), radii[1] * scale.y());
    painter.setPen(QPen(colour, 1.5, m_eraser ? Qt::DashLine : Qt::SolidLine));
    painter.drawEllipse(centre, radii[0] * scale.x(), radii[1] * scale.y());
}

} // namespace cardiolens::widgets
