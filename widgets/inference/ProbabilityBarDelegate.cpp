#include "inference/ProbabilityBarDelegate.h"

#include <QPainter>

#include <algorithm>

namespace cardiolens::widgets {

void ProbabilityBarDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                   const QModelIndex& index) const {
    QStyledItemDelegate::paint(painter, option, QModelIndex()); // Background and selection.
    const QVariant value = index.data(BarFractionRole);
    if (!value.isValid())
        return;
    const double f = std::clamp(value.toDouble(), 0.0, 1.0);
    const QRect r = option.rect.adjusted(3, 4, -3, -4);
    painter->save();
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(235, 235, 235));
    painter->drawRect(r);
    painter->setBrush(index.data(BarHighlightRole).toBool() ? highlightColour() : plainColour());
    painter->drawRect(QRect(r.topLeft(), QSize(int(std::lround(r.width() * f)), r.height())));
    painter->restore();
}

QSize ProbabilityBarDelegate::sizeHint(const QStyleOptionViewItem& option,
                                       const QModelIndex& index) const {
    return QStyledItemDelegate::sizeHint(option, index).expandedTo(QSize(120, 20));
}

} // namespace cardiolens::widgets
