#pragma once

#include <QStyledItemDelegate>

namespace cardiolens::widgets {

/// Paints a cell as a horizontal bar: length from the item's BarFractionRole (0..1), filled
/// strongly when BarHighlightRole is true (a positive call), pale otherwise.
class ProbabilityBarDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    static constexpr int BarFractionRole = Qt::UserRole + 1;
    static constexpr int BarHighlightRole = Qt::UserRole + 2;

    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    static QColor highlightColour() { return {200, 40, 40}; }
    static QColor plainColour() { return {150, 170, 200}; }
};

} // namespace cardiolens::widgets
