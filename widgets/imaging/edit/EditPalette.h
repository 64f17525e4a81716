#pragma once

#include "imaging/edit/LabelEditor.h"

#include <QWidget>

class QButtonGroup;
class QComboBox;
class QDoubleSpinBox;
class QToolButton;

namespace cardiolens::widgets {

/// The Edit-mode panel: tool buttons, active label (colours from the label table), brush
/// radius (mm), paint-over rule, undo and redo. It only drives a LabelEditor and follows
/// its signals (keys change the same settings).
class EditPalette : public QWidget {
    Q_OBJECT
public:
    explicit EditPalette(LabelEditor* editor, QWidget* parent = nullptr);

    /// Re-reads the document's undo state (after an action, undo or redo).
    void updateHistory();

private:
    void applyRule();

    LabelEditor* m_editor;
    QButtonGroup* m_tools = nullptr;
    QComboBox* m_label = nullptr;
    QDoubleSpinBox* m_radius = nullptr;
    QComboBox* m_rule = nullptr;
    QToolButton* m_undo = nullptr;
    QToolButton* m_redo = nullptr;
};

} // namespace cardiolens::widgets
