#include "imaging/edit/LabelEditor.h"

#include "imaging/CineView.h"
#include "imaging/edit/BrushTool.h"
#include "imaging/edit/ContourTool.h"
#include "imaging/edit/EditableLabels.h"
#include "imaging/edit/PolygonTool.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QWheelEvent>

#include <algorithm>

namespace cardiolens::widgets {

LabelEditor::LabelEditor(QObject* parent) : QObject(parent) {
    m_ctx.brush.radius = 4.0;
    m_ctx.brush.unit = imaging::BrushSettings::Unit::Millimetres;
    m_tools[std::size_t(Tool::Brush)] = std::make_unique<BrushTool>(m_ctx, false);
    m_tools[std::size_t(Tool::Eraser)] = std::make_unique<BrushTool>(m_ctx, true);
    m_tools[std::size_t(Tool::Polygon)] =
        std::make_unique<PolygonTool>(m_ctx, PolygonTool::Kind::Polygon);
    m_tools[std::size_t(Tool::Lasso)] =
        std::make_unique<PolygonTool>(m_ctx, PolygonTool::Kind::Lasso);
    m_tools[std::size_t(Tool::Contour)] = std::make_unique<ContourTool>(m_ctx);
}

LabelEditor::~LabelEditor() {
    attach(nullptr, nullptr, nullptr);
}

void LabelEditor::attach(CineView* view, imaging::EditableLabels* doc,
                         const imaging::CineVolume* image) {
    for (auto& t : m_tools)
        t->cancel();
    disconnect(m_docConnection);
    disconnect(m_viewConnection);
    if (m_view) {
        m_view->setEditor(nullptr);
        m_view->setWorkingLabels(nullptr);
    }
    m_view = view;
    m_ctx.doc = view ? doc : nullptr;
    m_ctx.image = image;
    m_hover.reset();
    if (!m_view || !m_ctx.doc)
        return;
    m_ctx.slice = view->slice();
    m_ctx.phase = view->phase();
    m_view->setWorkingLabels(&doc->labels());
    m_view->setEditor(this);
    m_docConnection = connect(doc, &imaging::EditableLabels::frameChanged, this,
                              &LabelEditor::onDocumentFrameChanged);
    m_viewConnection =
        connect(view, &CineView::frameChanged, this, &LabelEditor::onViewFrameChanged);
}

void LabelEditor::onDocumentFrameChanged(int slice, int phase) {
    if (m_view && slice == m_view->slice() && phase == m_view->phase())
        m_view->refreshFrame();
}

void LabelEditor::onViewFrameChanged(int slice, int phase) {
    // A stroke belongs to the frame it started on: finish it there.
    if (m_pressed)
        activeTool()->release(m_hover.value_or(QPointF()));
    m_pressed = false;
    activeTool()->cancel();
    m_ctx.slice = slice;
    m_ctx.phase = phase;
}

void LabelEditor::setTool(Tool tool) {
    if (tool == m_tool)
        return;
    activeTool()->cancel();
    m_pressed = false;
    m_tool = tool;
    if (m_view)
        m_view->refreshOverlay();
    Q_EMIT toolChanged(tool);
}

void LabelEditor::setActiveLabel(std::uint8_t label) {
    if (label == 0 || label == m_ctx.activeLabel)
        return;
    m_ctx.activeLabel = label;
    Q_EMIT activeLabelChanged(label);
}

void LabelEditor::setBrushRadius(double radius) {
    radius = std::clamp(radius, 0.5, 100.0);
    if (radius == m_ctx.brush.radius)
        return;
    m_ctx.brush.radius = radius;
    if (m_view)
        m_view->refreshOverlay();
    Q_EMIT brushRadiusChanged(radius);
}

void LabelEditor::setPaintRule(imaging::PaintRule rule) {
    m_ctx.brush.rule = rule;
}

bool LabelEditor::undo() {
    if (!m_ctx.doc || m_pressed)
        return false;
    activeTool()->cancel();
    return m_ctx.doc->undo();
}

bool LabelEditor::redo() {
    if (!m_ctx.doc || m_pressed)
        return false;
    activeTool()->cancel();
    return m_ctx.doc->redo();
}

bool LabelEditor::run(FrameOperations::Operation op) {
    if (!m_ctx.doc || m_pressed)
        return false;
    activeTool()->cancel();
    return FrameOperations::run(op, *m_ctx.doc, m_ctx.slice, m_ctx.phase, m_ctx.activeLabel);
}

void LabelEditor::refreshFeedback(CineView& view) {
    const QRect now = activeTool()->feedbackRect(view, m_hover).toAlignedRect();
    if (now.isEmpty())
        view.refreshOverlay(); // the tool draws anywhere (a polygon in progress)
    else
        view.refreshOverlay(m_feedback.isEmpty() ? now : now.united(m_feedback));
    m_feedback = now;
}

bool LabelEditor::mousePress(CineView& view, QMouseEvent* e) {
    if (!m_ctx.doc || e->button() != Qt::LeftButton)
        return false;
    const QPointF p = view.framePointAt(e->position());
    m_hover = p;
    if (e->type() == QEvent::MouseButtonDblClick) {
        activeTool()->doubleClick(p);
        return true;
    }
    m_pressed = true;
    activeTool()->press(p, e->modifiers());
    refreshFeedback(view);
    return true;
}

bool LabelEditor::mouseMove(CineView& view, QMouseEvent* e) {
    if (!m_ctx.doc)
        return false;
    m_hover = view.framePointAt(e->position());
    refreshFeedback(view);
    if (!m_pressed)
        return false; // hovering: the viewer still pans / windows with its buttons
    activeTool()->drag(*m_hover);
    return true;
}

bool LabelEditor::mouseRelease(CineView& view, QMouseEvent* e) {
    if (!m_ctx.doc || e->button() != Qt::LeftButton || !m_pressed)
        return false;
    m_pressed = false;
    activeTool()->release(view.framePointAt(e->position()));
    refreshFeedback(view);
    return true;
}

bool LabelEditor::wheel(CineView&, QWheelEvent* e) {
    if (!m_ctx.doc || !(e->modifiers() & Qt::ShiftModifier))
        return false;
    // Shift+wheel sizes the brush (Slicer); some platforms turn Shift+wheel horizontal.
    const int delta = e->angleDelta().y() != 0 ? e->angleDelta().y() : e->angleDelta().x();
    setBrushRadius(brushRadius() * (delta > 0 ? 1.15 : 1.0 / 1.15));
    e->accept();
    return true;
}

bool LabelEditor::key(CineView& view, QKeyEvent* e) {
    if (!m_ctx.doc)
        return false;
    const auto mods = e->modifiers() & ~Qt::KeypadModifier;
    if (e->matches(QKeySequence::Undo))
        return undo(), true;
    if (e->matches(QKeySequence::Redo) ||
        (e->key() == Qt::Key_Z && mods == (Qt::ControlModifier | Qt::ShiftModifier)))
        return redo(), true;
    if (mods != Qt::NoModifier && mods != Qt::ShiftModifier)
        return false;
    switch (e->key()) {
    case Qt::Key_B:
        setTool(Tool::Brush);
        return true;
    case Qt::Key_E:
        setTool(Tool::Eraser);
        return true;
    case Qt::Key_P:
        setTool(Tool::Polygon);
        return true;
    case Qt::Key_L:
        setTool(Tool::Lasso);
        return true;
    case Qt::Key_C:
        setTool(Tool::Contour);
        return true;
    case Qt::Key_BracketLeft:
        setBrushRadius(brushRadius() / 1.15);
        return true;
    case Qt::Key_BracketRight:
        setBrushRadius(brushRadius() * 1.15);
        return true;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (!activeTool()->finish())
            return false;
        view.refreshOverlay();
        return true;
    case Qt::Key_Escape:
        m_pressed = false;
        if (!activeTool()->cancel())
            return false;
        view.refreshOverlay();
        return true;
    default:
        if (e->key() >= Qt::Key_1 && e->key() <= Qt::Key_8) {
            setActiveLabel(std::uint8_t(e->key() - Qt::Key_0));
            return true;
        }
        return false;
    }
}

void LabelEditor::leave(CineView& view) {
    m_hover.reset();
    view.refreshOverlay();
}

void LabelEditor::paintOverlay(QPainter& painter, const CineView& view) {
    activeTool()->paint(painter, view, m_hover);
}

} // namespace cardiolens::widgets
