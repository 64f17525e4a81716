#include "imaging/edit/EditPalette.h"

#include "imaging/CardiacLabel.h"
#include "imaging/edit/EditableLabels.h"
#include "imaging/edit/FrameOperations.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QMenu>
#include <QPixmap>
#include <QToolButton>

namespace cardiolens::widgets {

namespace {
QIcon swatch(const std::array<std::uint8_t, 3>& rgb) {
    QPixmap pm(12, 12);
    pm.fill(QColor(rgb[0], rgb[1], rgb[2]));
    return QIcon(pm);
}
} // namespace

EditPalette::EditPalette(LabelEditor* editor, QWidget* parent) : QWidget(parent), m_editor(editor) {
    auto* toolRow = new QGridLayout;
    toolRow->setSpacing(2);
    m_tools = new QButtonGroup(this);
    const struct {
        LabelEditor::Tool tool;
        QString text;
        QString tip;
    } tools[] = {
        {LabelEditor::Tool::Brush, tr("Brush"), tr("Paintbrush (B)")},
        {LabelEditor::Tool::Eraser, tr("Erase"), tr("Eraser (E)")},
        {LabelEditor::Tool::Polygon, tr("Polygon"),
         tr("Polygon (P): click vertices, double-click or Enter closes; Shift at the first "
            "point subtracts")},
        {LabelEditor::Tool::Lasso, tr("Lasso"),
         tr("Freehand lasso (L): drag around; Shift at the start subtracts")},
        {LabelEditor::Tool::Contour, tr("Contour"),
         tr("Contour (C): drag a vertex of the active label's outline")},
    };
    int column = 0;
    for (const auto& t : tools) {
        auto* b = new QToolButton(this);
        b->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        b->setText(t.text);
        b->setToolTip(t.tip);
        b->setCheckable(true);
        b->setChecked(editor->tool() == t.tool);
        m_tools->addButton(b, int(t.tool));
        toolRow->addWidget(b, column / 3, column % 3);
        ++column;
    }
    connect(m_tools, &QButtonGroup::idClicked, this,
            [this](int id) { m_editor->setTool(static_cast<LabelEditor::Tool>(id)); });
    connect(editor, &LabelEditor::toolChanged, this,
            [this](LabelEditor::Tool t) { m_tools->button(int(t))->setChecked(true); });

    m_label = new QComboBox(this);
    for (const imaging::CardiacLabelInfo& info : imaging::cardiacLabelTable()) {
        if (info.label == imaging::CardiacLabel::Background)
            continue;
        const int value = imaging::labelValue(info.label);
        m_label->addItem(swatch(info.rgb), QStringLiteral("%1  %2").arg(value).arg(info.name),
                         value);
    }
    m_label->setToolTip(tr("Active label (keys 1-8)"));
    m_label->setCurrentIndex(m_label->findData(int(editor->activeLabel())));
    connect(m_label, &QComboBox::activated, this, [this](int i) {
        m_editor->setActiveLabel(std::uint8_t(m_label->itemData(i).toInt()));
    });
    connect(editor, &LabelEditor::activeLabelChanged, this,
            [this](int label) { m_label->setCurrentIndex(m_label->findData(label)); });

    m_radius = new QDoubleSpinBox(this);
    m_radius->setRange(0.5, 100.0);
    m_radius->setDecimals(1);
    m_radius->setSuffix(tr(" mm"));
    m_radius->setValue(editor->brushRadius());
    m_radius->setToolTip(tr("Brush radius ([ and ], or Shift+wheel)"));
    connect(m_radius, &QDoubleSpinBox::valueChanged, editor, &LabelEditor::setBrushRadius);
    connect(editor, &LabelEditor::brushRadiusChanged, this, [this](double r) {
        const QSignalBlocker block(m_radius);
        m_radius->setValue(r);
    });

    m_rule = new QComboBox(this);
    m_rule->addItems({tr("Paint over everything"), tr("Paint over background only"),
                      tr("Paint inside the active label")});
    m_rule->setToolTip(tr("Which pixels the brush, polygon and lasso may change"));
    connect(m_rule, &QComboBox::activated, this, &EditPalette::applyRule);
    connect(editor, &LabelEditor::activeLabelChanged, this, &EditPalette::applyRule);

    m_undo = new QToolButton(this);
    m_undo->setText(tr("Undo"));
    m_undo->setToolTip(tr("Undo (Ctrl+Z)"));
    m_redo = new QToolButton(this);
    m_redo->setText(tr("Redo"));
    m_redo->setToolTip(tr("Redo (Ctrl+Shift+Z)"));
    connect(m_undo, &QToolButton::clicked, editor, &LabelEditor::undo);
    connect(m_redo, &QToolButton::clicked, editor, &LabelEditor::redo);
    auto* historyRow = new QHBoxLayout;
    historyRow->addWidget(m_undo);
    historyRow->addWidget(m_redo);
    // One-click operations on the shown frame, each one undoable action.
    auto* operations = new QToolButton(this);
    operations->setText(tr("Frame"));
    operations->setToolTip(tr("Holes, islands, copy, propagate, interpolate, clear"));
    operations->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(operations);
    for (FrameOperations::Operation op : FrameOperations::all())
        menu->addAction(FrameOperations::title(op), this, [this, op] { m_editor->run(op); });
    operations->setMenu(menu);
    historyRow->addWidget(operations);
    historyRow->addStretch(1);

    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(toolRow);
    form->addRow(tr("Label"), m_label);
    form->addRow(tr("Radius"), m_radius);
    form->addRow(m_rule);
    form->addRow(historyRow);
    updateHistory();
}

void EditPalette::applyRule() {
    imaging::PaintRule rule;
    rule.mode = static_cast<imaging::PaintRule::Mode>(m_rule->currentIndex());
    // "Inside the active label" restricts the eraser; for painting it means inside the
    // label chosen when the rule was picked.
    rule.insideLabel = m_editor->activeLabel();
    m_editor->setPaintRule(rule);
}

void EditPalette::updateHistory() {
    const imaging::EditableLabels* doc = m_editor->document();
    m_undo->setEnabled(doc && doc->canUndo());
    m_redo->setEnabled(doc && doc->canRedo());
    m_undo->setToolTip(doc && doc->canUndo() ? tr("Undo %1 (Ctrl+Z)").arg(doc->undoText())
                                             : tr("Undo (Ctrl+Z)"));
    m_redo->setToolTip(doc && doc->canRedo() ? tr("Redo %1 (Ctrl+Shift+Z)").arg(doc->redoText())
                                             : tr("Redo (Ctrl+Shift+Z)"));
}

} // namespace cardiolens::widgets
