#pragma once

#include "imaging/edit/BrushStroke.h"

#include <QPointF>
#include <QRectF>
#include <QString>

#include <optional>

class QPainter;

namespace cardiolens::imaging {
class CineVolume;
class EditableLabels;
} // namespace cardiolens::imaging

namespace cardiolens::widgets {

class CineView;

/// What every tool works on: the document, the image (for the threshold brush), the frame
/// shown and the editor's settings. Owned by LabelEditor, shared by its tools.
struct EditContext {
    imaging::EditableLabels* doc = nullptr;
    const imaging::CineVolume* image = nullptr;
    int slice = 0;
    int phase = 0;
    std::uint8_t activeLabel = 1;
    imaging::BrushSettings brush; ///< Radius, unit, paint rule, threshold.
};

/// One editing tool (like a Slicer effect): turns presses, moves and releases at frame
/// coordinates into core operations, and draws its own feedback. No pixels are kept here.
class EditTool {
public:
    explicit EditTool(EditContext& context) : m_ctx(context) {}
    virtual ~EditTool() = default;

    virtual QString name() const = 0;
    /// Left button pressed at frame point \a p.
    virtual void press(QPointF p, Qt::KeyboardModifiers modifiers) = 0;
    virtual void drag(QPointF p) = 0;
    virtual void release(QPointF p) = 0;
    /// Double click (polygon: close).
    virtual void doubleClick(QPointF) {}
    /// Enter (finish) or Escape (abandon) what is in progress; false when nothing was.
    virtual bool finish() { return false; }
    virtual bool cancel() { return false; }
    virtual bool isBusy() const { return false; }
    /// Widget area paint() draws in for \a hover (repainted when the pointer moves); the
    /// default, an empty rectangle, means the whole view.
    virtual QRectF feedbackRect(const CineView&, std::optional<QPointF>) const { return {}; }
    /// Feedback over the frame; \a hover is the pointer's frame point, if over the view.
    virtual void paint(QPainter& painter, const CineView& view,
                       std::optional<QPointF> hover) const = 0;

protected:
    EditContext& m_ctx;
};

} // namespace cardiolens::widgets
