#include "ecg/BeatTemplateReview.h"

#include "ecg/BeatGalleryView.h"
#include "ecg/cluster/ClusterLabels.h"
#include "ecg/dsp/RecordQrs.h"

#include <QComboBox>
#include <QFutureWatcher>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace cardiolens::widgets {

BeatTemplateReview::BeatTemplateReview(QWidget* parentWidget) : QObject(parentWidget) {
    m_panel = new QWidget(parentWidget);
    m_status = new QLabel(tr("Beat templates"), m_panel);
    m_status->setWordWrap(true);
    m_order = new QComboBox(m_panel);
    m_order->addItems({tr("Largest first"), tr("Outliers first"), tr("Mixed labels first")});
    m_gallery = new BeatGalleryView;
    m_scroll = new QScrollArea(m_panel);
    m_scroll->setWidget(m_gallery);
    m_scroll->setWidgetResizable(true);
    auto* layout = new QVBoxLayout(m_panel);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_status);
    layout->addWidget(m_order);
    layout->addWidget(m_scroll, 1);
    m_job = new QFutureWatcher<Result<ecg::BeatClustering>>(this);

    connect(m_job, &QFutureWatcher<Result<ecg::BeatClustering>>::finished, this,
            &BeatTemplateReview::onClustered);
    connect(m_order, &QComboBox::currentIndexChanged, this,
            [this](int i) { m_gallery->setOrder(static_cast<BeatGalleryView::Order>(i)); });
    connect(m_gallery, &BeatGalleryView::labelRequested, this, &BeatTemplateReview::labelCluster);
    connect(m_gallery, &BeatGalleryView::beatRequested, this, [this](qint64 sample) {
        if (m_fs > 0.0)
            Q_EMIT timeRequested(double(sample) / m_fs);
    });
}

BeatTemplateReview::~BeatTemplateReview() {
    m_job->waitForFinished();
}

bool BeatTemplateReview::isRunning() const {
    return m_job->isRunning();
}

void BeatTemplateReview::start(const ecg::EcgRecord& record, std::vector<ecg::Annotation> items) {
    if (m_job->isRunning())
        return;
    m_fs = record.frameRate;
    std::vector<std::int64_t> beats;
    for (const ecg::Annotation& a : items)
        if (ecg::AnnotationCodes::isBeat(a.code))
            beats.push_back(a.sample);
    m_status->setText(tr("Clustering %1 beats...").arg(beats.size()));
    m_pendingItems = std::move(items);
    const bool detect = beats.empty();
    m_job->setFuture(QtConcurrent::run([record, beats = std::move(beats), detect]() mutable {
        if (detect) {
            auto qrs = ecg::detectRecordQrs(record);
            if (!qrs)
                return Result<ecg::BeatClustering>(qrs.error());
            beats = ecg::QrsDetector::positions(qrs->beats);
        }
        return ecg::clusterBeats(record, std::move(beats));
    }));
}

void BeatTemplateReview::onClustered() {
    auto result = m_job->result();
    if (!result) {
        m_status->setText(result.error().describe());
        Q_EMIT statusMessage(result.error().describe());
        return;
    }
    auto clustering = std::make_shared<ecg::BeatClustering>(std::move(result.value()));
    if (m_pendingItems.empty()) // detector beats: start from them, as normal beats
        for (std::int64_t b : clustering->beats) {
            ecg::Annotation a;
            a.sample = b;
            m_pendingItems.push_back(a);
        }
    m_document = std::make_unique<ecg::AnnotationDocument>(std::move(m_pendingItems));
    m_pendingItems.clear();
    m_clustering = clustering;
    m_gallery->setClustering(m_clustering);
    const QString summary = tr("%1 beats in %2 clusters (%3 s)")
                                .arg(clustering->beats.size())
                                .arg(clustering->clusters.size())
                                .arg(clustering->seconds, 0, 'f', 1);
    m_status->setText(summary + tr(" - type a beat label (N, V, A, ...) to label the selected "
                                   "cluster; Enter steps through its beats"));
    refresh();
    Q_EMIT statusMessage(summary);
}

void BeatTemplateReview::refresh() {
    if (!m_document || !m_clustering)
        return;
    m_gallery->setLabelMix(ecg::clusterLabelMix(*m_clustering, m_document->items()));
    Q_EMIT annotationsEdited(m_document->items());
}

bool BeatTemplateReview::labelCluster(int cluster, int code) {
    if (!m_document || !m_clustering)
        return false;
    const auto members = ecg::clusterMemberIndexes(*m_clustering, cluster, m_document->items());
    if (!m_document->relabel(members, code))
        return false;
    refresh();
    Q_EMIT statusMessage(m_document->undoLabel());
    return true;
}

bool BeatTemplateReview::undo() {
    if (!m_document || !m_document->undo())
        return false;
    refresh();
    return true;
}

bool BeatTemplateReview::redo() {
    if (!m_document || !m_document->redo())
        return false;
    refresh();
    return true;
}

} // namespace cardiolens::widgets
