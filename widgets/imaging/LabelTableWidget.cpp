#include "imaging/LabelTableWidget.h"

#include "imaging/CardiacLabel.h"

#include <QCheckBox>
#include <QColorDialog>
#include <QComboBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QSignalBlocker>
#include <QSlider>
#include <QTableWidget>
#include <QVBoxLayout>

namespace cardiolens::widgets {

LabelTableWidget::LabelTableWidget(QWidget* parent) : QWidget(parent) {
    m_show = new QCheckBox(tr("Show labels"), this);
    m_show->setChecked(true);
    m_mode = new QComboBox(this);
    m_mode->addItems({tr("Fill"), tr("Outline")});
    m_opacity = new QSlider(Qt::Horizontal, this);
    m_opacity->setRange(0, 100);
    m_opacity->setValue(int(m_style.opacity * 100));
    m_table = new QTableWidget(this);
    m_table->setColumnCount(2);
    m_table->setHorizontalHeaderLabels({tr("Label"), tr("Colour")});
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    rebuildRows();

    connect(m_show, &QCheckBox::toggled, this, &LabelTableWidget::styleChanged);
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this](int i) {
        m_style.mode = i == 1 ? imaging::LabelOverlayStyle::Mode::Outline
                              : imaging::LabelOverlayStyle::Mode::Fill;
        Q_EMIT styleChanged();
    });
    connect(m_opacity, &QSlider::valueChanged, this, [this](int v) {
        m_style.opacity = v / 100.0;
        Q_EMIT styleChanged();
    });
    connect(m_table, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* item) {
        if (item->column() != 0)
            return;
        const int label = item->data(Qt::UserRole).toInt();
        m_style.visible[std::size_t(label)] = item->checkState() == Qt::Checked;
        Q_EMIT styleChanged();
    });
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
        const int label = m_table->item(row, 0)->data(Qt::UserRole).toInt();
        const auto& c = m_style.colours[std::size_t(label)];
        const QColor chosen = QColorDialog::getColor(QColor(c[0], c[1], c[2]), this);
        if (!chosen.isValid())
            return;
        m_style.colours[std::size_t(label)] = {
            std::uint8_t(chosen.red()), std::uint8_t(chosen.green()), std::uint8_t(chosen.blue())};
        rebuildRows();
        Q_EMIT styleChanged();
    });

    auto* form = new QFormLayout;
    form->addRow(tr("Mode"), m_mode);
    form->addRow(tr("Opacity"), m_opacity);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_show);
    layout->addLayout(form);
    layout->addWidget(m_table, 1);
}

void LabelTableWidget::rebuildRows() {
    const QSignalBlocker block(m_table);
    const auto table = imaging::cardiacLabelTable();
    m_table->setRowCount(int(table.size()) - 1);
    int row = 0;
    for (const auto& info : table) {
        const int v = imaging::labelValue(info.label);
        if (v == 0)
            continue;
        auto* name = new QTableWidgetItem(QString::fromUtf8(info.name));
        name->setData(Qt::UserRole, v);
        name->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        name->setCheckState(m_style.visible[std::size_t(v)] ? Qt::Checked : Qt::Unchecked);
        const auto& c = m_style.colours[std::size_t(v)];
        auto* colour = new QTableWidgetItem;
        colour->setBackground(QColor(c[0], c[1], c[2]));
        colour->setFlags(Qt::ItemIsEnabled);
        m_table->setItem(row, 0, name);
        m_table->setItem(row, 1, colour);
        ++row;
    }
}

bool LabelTableWidget::overlayVisible() const {
    return m_show->isChecked();
}

void LabelTableWidget::setOverlayVisible(bool visible) {
    m_show->setChecked(visible);
}

void LabelTableWidget::setLabelVisible(int label, bool visible) {
    if (label <= 0 || label > 255)
        return;
    m_style.visible[std::size_t(label)] = visible;
    rebuildRows();
    Q_EMIT styleChanged();
}

void LabelTableWidget::setMode(imaging::LabelOverlayStyle::Mode mode) {
    m_mode->setCurrentIndex(mode == imaging::LabelOverlayStyle::Mode::Outline ? 1 : 0);
}

} // namespace cardiolens::widgets
