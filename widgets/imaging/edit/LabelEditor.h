#pragma once

#include "imaging/edit/CineEditor.h"
#include "imaging/edit/EditTool.h"
#include "imaging/edit/FrameOperations.h"

#include <QObject>
#include <QPointer>

#include <array>
#include <memory>
#include <optional>

namespace cardiolens::widgets {

/// Edit mode of a CineView: routes the left mouse button and the editing keys to the
/// active tool, which calls the core operations on an EditableLabels document. Keys
/// (ITK-SNAP / Slicer habits): B paintbrush, E eraser, P polygon, L lasso, C contour
/// (drag a vertex), 1-8 active
/// label, [ and ] or Shift+wheel brush size, Ctrl+Z undo, Ctrl+Shift+Z or Ctrl+Y redo,
/// Enter closes a polygon, Escape abandons it or the stroke. The other buttons and keys
/// keep their viewer meaning (middle-drag pan, right-drag window/level, arrows, Space).
class LabelEditor : public QObject, public CineEditor {
    Q_OBJECT
public:
    enum class Tool { Brush, Eraser, Polygon, Lasso, Contour };

    explicit LabelEditor(QObject* parent = nullptr);
    ~LabelEditor() override;

    /// Starts editing \a doc (shown on \a view over \a image); null detaches. Neither is owned.
    void attach(CineView* view, imaging::EditableLabels* doc, const imaging::CineVolume* image);
    imaging::EditableLabels* document() const { return m_ctx.doc; }

    void setTool(Tool tool);
    Tool tool() const { return m_tool; }
    void setActiveLabel(std::uint8_t label);
    std::uint8_t activeLabel() const { return m_ctx.activeLabel; }
    /// Brush radius in the brush's unit (mm by default), clamped to 0.5..100.
    void setBrushRadius(double radius);
    double brushRadius() const { return m_ctx.brush.radius; }
    void setPaintRule(imaging::PaintRule rule);
    imaging::PaintRule paintRule() const { return m_ctx.brush.rule; }
    const EditContext& context() const { return m_ctx; }

    bool undo();
    bool redo();
    /// One of the palette's frame operations on the shown frame with the active label.
    bool run(FrameOperations::Operation op);

    // CineEditor
    bool mousePress(CineView& view, QMouseEvent* event) override;
    bool mouseMove(CineView& view, QMouseEvent* event) override;
    bool mouseRelease(CineView& view, QMouseEvent* event) override;
    bool wheel(CineView& view, QWheelEvent* event) override;
    bool key(CineView& view, QKeyEvent* event) override;
    void leave(CineView& view) override;
    void paintOverlay(QPainter& painter, const CineView& view) override;

Q_SIGNALS:
    void toolChanged(cardiolens::widgets::LabelEditor::Tool tool);
    void activeLabelChanged(int label);
    void brushRadiusChanged(double radius);

private:
    EditTool* activeTool() const { return m_tools[std::size_t(m_tool)].get(); }
    void onDocumentFrameChanged(int slice, int phase);
    void onViewFrameChanged(int slice, int phase);
    /// Repaints the tool feedback where it was and where it is now.
    void refreshFeedback(CineView& view);

    EditContext m_ctx;
    std::array<std::unique_ptr<EditTool>, 5> m_tools;
    Tool m_tool = Tool::Brush;
    QPointer<CineView> m_view;
    std::optional<QPointF> m_hover;
    QRect m_feedback; // where the tool's feedback was last drawn
    bool m_pressed = false;
    QMetaObject::Connection m_docConnection;
    QMetaObject::Connection m_viewConnection;
};

} // namespace cardiolens::widgets
