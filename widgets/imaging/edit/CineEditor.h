#pragma once

#include <QPointF>

class QKeyEvent;
class QMouseEvent;
class QPainter;
class QWheelEvent;

namespace cardiolens::widgets {

class CineView;

/// What a CineView hands its input to while an editor is attached (Edit mode): each
/// handler returns true when it used the event, and the view then does nothing else with
/// it (panning, window/level and zoom keep the events the editor leaves).
class CineEditor {
public:
    virtual ~CineEditor() = default;
    virtual bool mousePress(CineView& view, QMouseEvent* event) = 0;
    virtual bool mouseMove(CineView& view, QMouseEvent* event) = 0;
    virtual bool mouseRelease(CineView& view, QMouseEvent* event) = 0;
    virtual bool wheel(CineView& view, QWheelEvent* event) = 0;
    virtual bool key(CineView& view, QKeyEvent* event) = 0;
    virtual void leave(CineView& view) = 0;
    /// Draws the tool's feedback (brush footprint, polygon in progress) over the frame.
    virtual void paintOverlay(QPainter& painter, const CineView& view) = 0;
};

} // namespace cardiolens::widgets
