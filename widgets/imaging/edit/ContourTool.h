#pragma once

#include "imaging/edit/ContourEdit.h"
#include "imaging/edit/EditTool.h"

#include <memory>

namespace cardiolens::widgets {

/// Contour editing: the active label's outlines on the shown frame (simplified to draggable
/// vertices) are drawn with their vertices; dragging a vertex re-rasterises the outline
/// (core ContourEdit) on release, one action per drag.
class ContourTool : public EditTool {
public:
    explicit ContourTool(EditContext& context);
    ~ContourTool() override;

    QString name() const override;
    void press(QPointF p, Qt::KeyboardModifiers modifiers) override;
    void drag(QPointF p) override;
    void release(QPointF p) override;
    bool cancel() override;
    bool isBusy() const override { return m_vertex.has_value(); }
    void paint(QPainter& painter, const CineView& view,
               std::optional<QPointF> hover) const override;

private:
    /// The outlines of the current frame and label, traced again after any change.
    imaging::ContourEdit* current() const;

    struct Key {
        int slice = -1, phase = -1, label = -1, undo = -1, redo = -1;
        std::uint64_t sequence = 0;
        friend bool operator==(const Key&, const Key&) = default;
    };
    Key key() const;

    mutable std::unique_ptr<imaging::ContourEdit> m_edit;
    mutable Key m_key;
    std::optional<imaging::ContourEdit::Vertex> m_vertex;
};

} // namespace cardiolens::widgets
