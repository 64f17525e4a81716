#include "imaging/edit/RevisionHistoryPanel.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace cardiolens::widgets {

namespace {
QString originText(const labels::Origin& o) {
    switch (o.type) {
    case labels::OriginType::Model:
        return RevisionHistoryPanel::tr("model %1").arg(o.name);
    case labels::OriginType::Dataset:
        return o.name;
    case labels::OriginType::Annotator:
        break;
    }
    return o.name; // a person
}
} // namespace

RevisionHistoryPanel::RevisionHistoryPanel(QWidget* parent) : QWidget(parent) {
    m_list = new QTreeWidget(this);
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    m_list->setHeaderLabels({tr("Origin"), tr("Saved"), tr("State")});
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(true);
    m_show = new QPushButton(tr("Show"), this);
    m_show->setToolTip(tr("Show this revision beside the working labels"));
    m_revert = new QPushButton(tr("Revert to"), this);
    m_revert->setToolTip(tr("Make this revision the working labels (one undoable action)"));
    connect(m_show, &QPushButton::clicked, this, [this] {
        if (const qint64 id = selectedRevision())
            Q_EMIT showRequested(id);
    });
    connect(m_revert, &QPushButton::clicked, this, [this] {
        if (const qint64 id = selectedRevision())
            Q_EMIT revertRequested(id);
    });
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &RevisionHistoryPanel::updateButtons);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_show);
    buttons->addWidget(m_revert);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);
    updateButtons();
}

void RevisionHistoryPanel::setRevisions(const std::vector<labels::RevisionInfo>& revisions) {
    m_list->clear();
    for (auto it = revisions.rbegin(); it != revisions.rend(); ++it) {
        const labels::RevisionInfo& r = *it;
        auto* item = new QTreeWidgetItem(m_list);
        item->setData(0, Qt::UserRole, r.id);
        item->setText(0, originText(r.origin) + (r.deleted ? tr(" (deleted)") : QString()));
        item->setText(
            1, QDateTime::fromMSecsSinceEpoch(r.savedMs).toString(QStringLiteral("dd.MM. HH:mm")));
        item->setText(2,
                      labels::reviewStateName(r.state).replace(QLatin1Char('_'), QLatin1Char(' ')));
        QString tip = tr("Revision %1: %2, saved %3, edited for %4 s")
                          .arg(QString::number(r.id), labels::originTypeName(r.origin.type),
                               QDateTime::fromMSecsSinceEpoch(r.savedMs).toString(Qt::ISODate))
                          .arg(qRound(r.editSeconds));
        if (r.parentId)
            tip += tr("; derived from revision %1").arg(*r.parentId);
        if (!r.comment.isEmpty())
            tip += QStringLiteral("\n") + r.comment;
        for (int c = 0; c < 3; ++c)
            item->setToolTip(c, tip);
    }
    updateButtons();
}

int RevisionHistoryPanel::count() const {
    return m_list->topLevelItemCount();
}

qint64 RevisionHistoryPanel::revisionAt(int row) const {
    const QTreeWidgetItem* item = m_list->topLevelItem(row);
    return item ? item->data(0, Qt::UserRole).toLongLong() : 0;
}

void RevisionHistoryPanel::select(int row) {
    if (QTreeWidgetItem* item = m_list->topLevelItem(row))
        m_list->setCurrentItem(item);
}

qint64 RevisionHistoryPanel::selectedRevision() const {
    const QTreeWidgetItem* item = m_list->currentItem();
    return item ? item->data(0, Qt::UserRole).toLongLong() : 0;
}

void RevisionHistoryPanel::updateButtons() {
    const bool any = selectedRevision() != 0;
    m_show->setEnabled(any);
    m_revert->setEnabled(any);
}

} // namespace cardiolens::widgets
