#pragma once

#include "common/Result.h"
#include "ecg/EcgRecord.h"
#include "ecg/cluster/BeatClustering.h"
#include "ecg/edit/AnnotationDocument.h"

#include <QObject>

#include <memory>

class QScrollArea;
class QComboBox;
class QLabel;
class QWidget;
template <typename T> class QFutureWatcher;

namespace cardiolens::widgets {

class BeatGalleryView;

/// Cluster-then-label review of a record's beats: clusters them in the background, shows
/// the template gallery, and turns "label this cluster" into one undoable edit of the
/// record's annotations (starting from the annotator shown). The workspace shows the edited
/// annotations as they change.
class BeatTemplateReview : public QObject {
    Q_OBJECT
public:
    explicit BeatTemplateReview(QWidget* parentWidget);
    ~BeatTemplateReview() override;

    /// The panel: order chooser, status line and the scrolling gallery.
    QWidget* panel() const { return m_panel; }
    BeatGalleryView* gallery() const { return m_gallery; }
    bool isRunning() const;
    const ecg::AnnotationDocument* document() const { return m_document.get(); }
    std::shared_ptr<const ecg::BeatClustering> clustering() const { return m_clustering; }

    /// Clusters the beats of \a items (all beat annotations; the detector's when there are
    /// none) and starts editing from \a items.
    void start(const ecg::EcgRecord& record, std::vector<ecg::Annotation> items);
    /// Labels every member of \a cluster with \a code (one undo step).
    bool labelCluster(int cluster, int code);
    bool undo();
    bool redo();

Q_SIGNALS:
    void annotationsEdited(const std::vector<cardiolens::ecg::Annotation>& items);
    void timeRequested(double seconds);
    void statusMessage(const QString& text);

private:
    void onClustered();
    void refresh();

    QWidget* m_panel = nullptr;
    QLabel* m_status = nullptr;
    QComboBox* m_order = nullptr;
    QScrollArea* m_scroll = nullptr;
    BeatGalleryView* m_gallery = nullptr;
    QFutureWatcher<Result<ecg::BeatClustering>>* m_job = nullptr;
    std::shared_ptr<const ecg::BeatClustering> m_clustering;
    std::unique_ptr<ecg::AnnotationDocument> m_document;
    std::vector<ecg::Annotation> m_pendingItems;
    double m_fs = 0.0;
};

} // namespace cardiolens::widgets
