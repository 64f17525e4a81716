#include "imaging/edit/ContourTool.h"

#include "imaging/CineView.h"
#include "imaging/edit/EditableLabels.h"

#include <QCoreApplication>
#include <QPainter>
#include <QPolygonF>

namespace cardiolens::widgets {

namespace {
// Douglas-Peucker tolerance: a few vertices per outline to grab, and what is not dragged
// never changes (ContourEdit writes only what a drag moved).
constexpr double kSimplify = 0.7;
// How near (frame pixels) a press must be to grab a vertex.
constexpr double kGrab = 3.0;
} // namespace

ContourTool::ContourTool(EditContext& context) : EditTool(context) {}

ContourTool::~ContourTool() = default;

QString ContourTool::name() const {
    return QCoreApplication::translate("ContourTool", "Contour");
}

ContourTool::Key ContourTool::key() const {
    if (!m_ctx.doc)
        return {};
    const auto& h = m_ctx.doc->history();
    return {m_ctx.slice,   m_ctx.phase,   int(m_ctx.activeLabel),
            h.undoCount(), h.redoCount(), m_ctx.doc->nextSequence()};
}

imaging::ContourEdit* ContourTool::current() const {
    if (!m_ctx.doc)
        return nullptr;
    const Key k = key();
    if (!m_edit || !(k == m_key)) {
        m_edit = std::make_unique<imaging::ContourEdit>(*m_ctx.doc, m_ctx.slice, m_ctx.phase,
                                                        m_ctx.activeLabel, kSimplify);
        m_key = k;
    }
    return m_edit.get();
}

void ContourTool::press(QPointF p, Qt::KeyboardModifiers) {
    imaging::ContourEdit* edit = current();
    m_vertex = edit ? edit->nearestVertex({p.x(), p.y()}, kGrab) : std::nullopt;
}

void ContourTool::drag(QPointF p) {
    if (m_vertex && m_edit)
        m_edit->moveVertex(*m_vertex, {p.x(), p.y()});
}

void ContourTool::release(QPointF p) {
    if (!m_vertex || !m_edit || !m_ctx.doc)
        return;
    m_edit->moveVertex(*m_vertex, {p.x(), p.y()});
    m_vertex.reset();
    m_edit->apply(*m_ctx.doc, m_ctx.brush.rule);
    m_edit.reset(); // traced again from the new labels
}

bool ContourTool::cancel() {
    const bool busy = m_vertex.has_value();
    m_vertex.reset();
    m_edit.reset();
    return busy;
}

void ContourTool::paint(QPainter& painter, const CineView& view, std::optional<QPointF>) const {
    const imaging::ContourEdit* edit = current();
    if (!edit)
        return;
    painter.setRenderHint(QPainter::Antialiasing);
    for (std::size_t o = 0; o < edit->outlines().size(); ++o) {
        QPolygonF line;
        for (const imaging::Point2& q : edit->outlines()[o])
            line << view.widgetPointForPixel(q.x, q.y);
        painter.setPen(QPen(QColor(80, 220, 255), 1.5));
        painter.setBrush(Qt::NoBrush);
        painter.drawPolygon(line);
        painter.setPen(Qt::NoPen);
        for (std::size_t i = 0; i < std::size_t(line.size()); ++i) {
            const bool grabbed =
                m_vertex && m_vertex->outline == int(o) && m_vertex->index == int(i);
            painter.setBrush(grabbed ? QColor(255, 230, 60) : QColor(80, 220, 255));
            painter.drawRect(QRectF(line[qsizetype(i)] - QPointF(2.5, 2.5), QSizeF(5, 5)));
        }
    }
}

} // namespace cardiolens::widgets
