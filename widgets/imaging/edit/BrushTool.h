#pragma once

#include "imaging/edit/EditTool.h"

#include <memory>

namespace cardiolens::widgets {

/// Paintbrush and eraser: a press starts a BrushStroke on the shown frame, every drag
/// extends it (the frame updates at once), the release records the one action.
class BrushTool : public EditTool {
public:
    BrushTool(EditContext& context, bool eraser);
    ~BrushTool() override;

    QString name() const override;
    void press(QPointF p, Qt::KeyboardModifiers modifiers) override;
    void drag(QPointF p) override;
    void release(QPointF p) override;
    bool cancel() override;
    bool isBusy() const override { return m_stroke != nullptr; }
    QRectF feedbackRect(const CineView& view, std::optional<QPointF> hover) const override;
    void paint(QPainter& painter, const CineView& view,
               std::optional<QPointF> hover) const override;

private:
    bool m_eraser = false;
    std::unique_ptr<imaging::BrushStroke> m_stroke;
};

} // namespace cardiolens::widgets
