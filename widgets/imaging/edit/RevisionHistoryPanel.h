#pragma once

#include "labels/Revision.h"

#include <QWidget>

#include <vector>

class QPushButton;
class QTreeWidget;

namespace cardiolens::widgets {

/// The case's label revisions, newest first (origin, who, saved time, review state), with
/// "Show" (compare it beside the working labels) and "Revert to" (make it the working
/// labels, one undoable action). It only lists and asks; EditPersistence acts.
class RevisionHistoryPanel : public QWidget {
    Q_OBJECT
public:
    explicit RevisionHistoryPanel(QWidget* parent = nullptr);

    void setRevisions(const std::vector<labels::RevisionInfo>& revisions);
    int count() const;
    /// Row \a row's revision id (rows newest first), 0 when out of range.
    qint64 revisionAt(int row) const;
    void select(int row);
    qint64 selectedRevision() const;
    QTreeWidget* list() const { return m_list; }

Q_SIGNALS:
    void showRequested(qint64 revisionId);
    void revertRequested(qint64 revisionId);

private:
    void updateButtons();

    QTreeWidget* m_list = nullptr;
    QPushButton* m_show = nullptr;
    QPushButton* m_revert = nullptr;
};

} // namespace cardiolens::widgets
