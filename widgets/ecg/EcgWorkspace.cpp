#include "ecg/EcgWorkspace.h"

#include "ecg/BeatTemplateReview.h"
#include "ecg/EcgCalibrationDialog.h"
#include "ecg/EcgNavigator.h"
#include "ecg/EcgReader.h"
#include "ecg/EcgStripExporter.h"
#include "ecg/EcgStripView.h"
#include "ecg/MitAnnotationIO.h"
#include "ecg/RecordTraceSource.h"
#include "ecg/dsp/HeartRate.h"
#include "ecg/dsp/PyramidBuilder.h"
#include "ecg/dsp/QrsDetector.h"
#include "ecg/dsp/RecordPyramid.h"

#include "inference/ModelRunController.h"
#include <QFileDialog>
#include <QFileInfo>

#include <QAction>
#include <QFutureWatcher>
#include <QSettings>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>
#include <cmath>

namespace cardiolens::widgets {

namespace {
constexpr const char* kDetector = "detector";
constexpr const char* kEdited = "edited"; // annotator of the labels edited in this session
constexpr const char* kCalibrationKey = "ecg/screenCalibration";
constexpr double kMaxRestingSeconds = 60.0;
// Beat detection on open only for records up to this long (24-h Holters: on demand later).
constexpr double kMaxDetectSeconds = 2 * 3600.0;
constexpr int kNavigatorColumns = 2000;

std::vector<std::int64_t> detectBeats(const ecg::EcgRecord& record) {
    std::vector<std::vector<float>> data;
    std::vector<std::span<const float>> spans;
    const int leads = std::min(record.leadCount(), 3);
    for (int l = 0; l < leads; ++l) {
        if (record.leads[std::size_t(l)].samplesPerFrame != 1)
            continue;
        data.push_back(record.physical(l, 0, record.frameCount));
        for (float& v : data.back())
            if (std::isnan(v))
                v = 0.0f;
    }
    for (const auto& d : data)
        spans.emplace_back(d);
    if (spans.empty())
        return {};
    return ecg::QrsDetector::positions(ecg::QrsDetector(record.frameRate).detect(spans));
}
} // namespace

EcgWorkspace::EcgWorkspace(QWidget* parent) : QWidget(parent) {
    m_toolBar = new EcgToolBar(this);
    m_view = new EcgStripView(this);
    m_navigator = new EcgNavigator(this);
    m_pyramidTimer = new QTimer(this);
    m_pyramidTimer->setInterval(50);
    m_detection = new QFutureWatcher<std::vector<std::int64_t>>(this);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_toolBar);
    m_review = new BeatTemplateReview(this);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_view);
    split->addWidget(m_review->panel());
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    m_review->panel()->hide();
    layout->addWidget(split, 1);
    layout->addWidget(m_navigator);

    connect(m_view, &EcgStripView::viewChanged, this, &EcgWorkspace::onViewChanged);
    connect(m_navigator, &EcgNavigator::timeRequested, this,
            [this](double t) { m_view->goToTime(t - m_view->pageSeconds() / 2); });
    connect(m_pyramidTimer, &QTimer::timeout, this, &EcgWorkspace::onPyramidPoll);
    connect(m_detection, &QFutureWatcher<std::vector<std::int64_t>>::finished, this,
            &EcgWorkspace::onDetectionFinished);

    connect(m_toolBar, &EcgToolBar::layoutChosen, m_view, &EcgStripView::setLayout);
    connect(m_toolBar, &EcgToolBar::speedChosen, m_view, &EcgStripView::setSpeed);
    connect(m_toolBar, &EcgToolBar::gainChosen, m_view, &EcgStripView::setGain);
    connect(m_toolBar, &EcgToolBar::filterChosen, this, &EcgWorkspace::applyFilter);
    connect(m_toolBar, &EcgToolBar::annotatorChosen, this, &EcgWorkspace::showAnnotator);
    connect(m_toolBar, &EcgToolBar::caliperToggled, m_view, &EcgStripView::setCaliperMode);
    connect(m_toolBar, &EcgToolBar::jumpRequested, this, &EcgWorkspace::jump);
    connect(m_toolBar, &EcgToolBar::goToTimeRequested, m_view, &EcgStripView::goToTime);
    connect(m_toolBar, &EcgToolBar::exportRequested, this, &EcgWorkspace::askExport);

    m_view->setCalibration(QSettings().value(QLatin1String(kCalibrationKey), 1.0).toDouble());

    connect(m_review, &BeatTemplateReview::statusMessage, this, &EcgWorkspace::statusMessage);
    connect(m_review, &BeatTemplateReview::timeRequested, this,
            [this](double t) { m_view->goToTime(t - m_view->pageSeconds() / 2); });
    connect(m_review, &BeatTemplateReview::annotationsEdited, this,
            [this](const std::vector<ecg::Annotation>& items) {
                if (!m_source)
                    return;
                const auto& rec = m_source->record();
                m_overlays.insert(
                    QString::fromLatin1(kEdited),
                    EcgOverlays::fromAnnotations(items, rec.frameRate, rec.durationSeconds()));
                showAnnotator(QString::fromLatin1(kEdited));
            });
    auto* templates = new QAction(tr("Beat templates"), this);
    templates->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_G));
    templates->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(templates, &QAction::triggered, this, &EcgWorkspace::showBeatTemplates);
    auto* undo = new QAction(tr("Undo label edit"), this);
    undo->setShortcut(QKeySequence::Undo);
    undo->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(undo, &QAction::triggered, m_review, &BeatTemplateReview::undo);
    auto* redo = new QAction(tr("Redo label edit"), this);
    redo->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z));
    redo->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(redo, &QAction::triggered, m_review, &BeatTemplateReview::redo);
    addActions({templates, undo, redo});

    m_modelRun = new ModelRunController(this);
    connect(m_modelRun, &ModelRunController::failed, this, &EcgWorkspace::statusMessage);
    connect(m_modelRun, &ModelRunController::finished, this,
            [this](const inference::InferenceResult& r) {
                if (!m_source || r.casePath != m_currentFile)
                    return; // Another record was opened meanwhile.
                QString summary = tr("%1: %2 items, uncertainty %3 (%4)")
                                      .arg(r.modelId)
                                      .arg(r.items)
                                      .arg(r.uncertainty, 0, 'f', 3)
                                      .arg(r.uncertaintyMethod);
                if (!r.predictedLabel.isEmpty())
                    summary += tr(" - %1").arg(r.predictedLabel);
                if (!r.annotations.empty()) {
                    const auto& rec = m_source->record();
                    const QString key =
                        QStringLiteral("model:") + r.modelId.section(QLatin1Char('@'), 0, 0);
                    EcgOverlays overlays = EcgOverlays::fromAnnotations(
                        r.annotations, rec.frameRate, rec.durationSeconds());
                    markUncertainBeats(overlays, r);
                    m_overlays.insert(key, std::move(overlays));
                    showAnnotator(key);
                }
                Q_EMIT statusMessage(summary);
            });
}

void EcgWorkspace::runModel(const QString& nameOrPath) {
    if (!m_source) {
        Q_EMIT statusMessage(tr("Open an ECG record first."));
        return;
    }
    QString model = nameOrPath;
    if (model.isEmpty()) {
        QString problem;
        model = ModelRunController::chooseModel(this, true, &problem);
        if (model.isEmpty()) {
            if (!problem.isEmpty())
                Q_EMIT statusMessage(problem);
            return;
        }
    }
    m_modelRun->start(model, m_currentFile);
}

void EcgWorkspace::cancelModelRun() {
    m_modelRun->cancel();
}

void EcgWorkspace::calibrateScreen() {
    const double factor = QSettings().value(QLatin1String(kCalibrationKey), 1.0).toDouble();
    EcgCalibrationDialog dialog(m_view->state().scale.pxPerMm, factor, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QSettings().setValue(QLatin1String(kCalibrationKey), dialog.calibration());
    m_view->setCalibration(dialog.calibration());
}

EcgWorkspace::~EcgWorkspace() {
    m_detection->waitForFinished();
}

int EcgWorkspace::leadCount() const {
    return m_source ? m_source->record().leadCount() : 0;
}

bool EcgWorkspace::pyramidReady() const {
    return m_source && m_source->hasPyramid();
}

bool EcgWorkspace::isBusy() const {
    return m_pyramidTimer->isActive() || m_detection->isRunning();
}

Result<bool> EcgWorkspace::openRecord(const QString& path) {
    auto opened = ecg::EcgReader::open(path);
    if (!opened)
        return opened.error();
    m_detection->waitForFinished();
    m_pyramidBuilder.reset(); // cancels and joins a build for the previous record
    m_pyramidTimer->stop();

    ecg::EcgRecord record = std::move(opened.value());
    m_currentFile = record.sourcePath.isEmpty() ? path : record.sourcePath;
    m_source = std::make_shared<RecordTraceSource>(record);

    // Annotations of every annotator next to the record.
    m_overlays.clear();
    for (const QString& annotator : ecg::MitAnnotationIO::annotatorsFor(m_currentFile)) {
        auto set = ecg::MitAnnotationIO::read(m_currentFile, annotator);
        if (set)
            m_overlays.insert(annotator, EcgOverlays::fromAnnotations(set->items, record.frameRate,
                                                                      record.durationSeconds()));
    }
    m_annotator = m_overlays.contains(QStringLiteral("atr")) ? QStringLiteral("atr")
                  : m_overlays.isEmpty()                     ? QString()
                                                             : m_overlays.firstKey();

    EcgViewState state = m_view->state();
    state.recordName = record.name;
    state.startSeconds = 0.0;
    state.calipers.reset();
    state.stackLeads.clear();
    state.leadGainMmPerMv.clear();
    state.scale.mmPerSecond = 25.0;
    QStringList names;
    for (const auto& l : record.leads)
        names << l.name;
    const bool twelve = EcgLeadLayout::hasTwelveLeads(names);
    // A resting 12-lead ECG opens in the standard 3x4 + rhythm format; a long 12-lead
    // recording (Holter) opens as a stack, which scales to any zoom.
    const bool resting = twelve && record.durationSeconds() <= kMaxRestingSeconds;
    state.layout = resting ? EcgLayoutKind::ThreeByFour : EcgLayoutKind::Stack;
    state.rhythmStrips = 1;
    m_view->setSource(m_source);
    m_view->setState(state);
    m_toolBar->setLayoutChoice(state.layout, state.rhythmStrips);
    m_toolBar->setTwelveLeadLayoutsEnabled(twelve);
    m_toolBar->setSpeed(25.0);
    m_toolBar->setGain(state.scale.mmPerMv);
    applyFilter(EcgToolBar::FilterPreset::None, 0.0);
    showAnnotator(m_annotator);

    m_navigator->setDuration(record.durationSeconds());
    refreshNavigatorEnvelope();

    // Pyramid for fast zoomed-out drawing, on a background thread (single-rate records).
    if (auto builder = ecg::startPyramidBuild(record); builder && record.frameCount > 0) {
        m_pyramidBuilder = std::move(builder.value());
        m_pyramidTimer->start();
    }
    const bool haveBeats = std::any_of(m_overlays.begin(), m_overlays.end(),
                                       [](const EcgOverlays& o) { return !o.beats.empty(); });
    if (!haveBeats && record.durationSeconds() <= kMaxDetectSeconds)
        startBeatDetection();

    Q_EMIT statusMessage(tr("Opened %1: %2 leads, %3 Hz, %4 s")
                             .arg(record.name)
                             .arg(record.leadCount())
                             .arg(record.frameRate)
                             .arg(record.durationSeconds(), 0, 'f', 1));
    return true;
}

void EcgWorkspace::showBeatTemplates() {
    if (!m_source)
        return;
    std::vector<ecg::Annotation> items;
    if (!m_annotator.isEmpty() && m_annotator != QLatin1String(kDetector) &&
        !m_annotator.startsWith(QLatin1String("model:")))
        if (auto set = ecg::MitAnnotationIO::read(m_currentFile, m_annotator))
            items = std::move(set->items);
    m_review->panel()->show();
    m_review->start(m_source->record(), std::move(items));
}

void EcgWorkspace::showAnnotator(const QString& annotator) {
    m_annotator = m_overlays.contains(annotator) ? annotator : QString();
    const EcgOverlays empty;
    const EcgOverlays& o = m_annotator.isEmpty() ? empty : m_overlays[m_annotator];
    m_view->setBeats(o.beats);
    m_view->setEpisodes(o.episodes);
    m_view->setWaves(o.waves);
    m_toolBar->setAnnotators(m_overlays.keys(), m_annotator);
    refreshHeartRateTrend();
    onViewChanged(m_view->startSeconds(), m_view->pageSeconds());
}

void EcgWorkspace::startBeatDetection() {
    const ecg::EcgRecord record = m_source->record();
    m_detection->setFuture(QtConcurrent::run([record] { return detectBeats(record); }));
}

void EcgWorkspace::onDetectionFinished() {
    if (!m_source || m_detection->future().isCanceled())
        return;
    const std::vector<std::int64_t> beats = m_detection->result();
    if (beats.empty())
        return;
    EcgOverlays o;
    const double fs = m_source->record().frameRate;
    for (std::int64_t s : beats)
        o.beats.push_back({double(s) / fs, QStringLiteral("•"), 'N'});
    o.beatSamples = beats;
    m_overlays.insert(QString::fromLatin1(kDetector), o);
    if (m_annotator.isEmpty())
        showAnnotator(QString::fromLatin1(kDetector));
    else
        m_toolBar->setAnnotators(m_overlays.keys(), m_annotator);
}

void EcgWorkspace::onPyramidPoll() {
    if (!m_pyramidBuilder || !m_pyramidBuilder->isFinished())
        return;
    m_pyramidTimer->stop();
    if (auto pyramid = m_pyramidBuilder->result()) {
        m_source->setPyramid(pyramid);
        refreshNavigatorEnvelope();
        m_view->update();
    }
}

void EcgWorkspace::refreshNavigatorEnvelope() {
    if (!m_source)
        return;
    const ecg::EcgRecord& r = m_source->record();
    // Without the pyramid a long record's envelope would read every sample: wait for it.
    if (!m_source->hasPyramid() && r.durationSeconds() > 3600.0) {
        m_navigator->clear();
        return;
    }
    const int lead = std::max(0, r.leadIndex(QStringLiteral("II")));
    std::vector<float> mins(kNavigatorColumns), maxs(kNavigatorColumns);
    m_source->minMax(lead, 0.0, r.durationSeconds(), kNavigatorColumns, mins.data(), maxs.data());
    m_navigator->setEnvelope(mins, maxs,
                             r.leads.empty() ? QString() : r.leads[std::size_t(lead)].name);
}

void EcgWorkspace::refreshHeartRateTrend() {
    std::vector<double> times, bpm;
    if (m_source && !m_annotator.isEmpty()) {
        const auto& beats = m_overlays[m_annotator].beatSamples;
        const double fs = m_source->record().frameRate;
        const auto rr = ecg::rrIntervalsMs(beats, fs);
        const auto hr = ecg::heartRateBpm(rr);
        for (std::size_t i = 0; i < hr.size(); ++i) {
            times.push_back(double(beats[i + 1]) / fs);
            bpm.push_back(hr[i]);
        }
    }
    m_navigator->setHeartRate(times, bpm);
}

void EcgWorkspace::onViewChanged(double start, double page) {
    m_navigator->setWindow(start, page);
    m_toolBar->setSpeed(m_view->state().scale.mmPerSecond);
    // Heart rate of the page: median RR of the shown annotator's beats in view.
    double bpm = std::nan("");
    if (m_source && !m_annotator.isEmpty()) {
        const auto& beats = m_overlays[m_annotator].beatSamples;
        const double fs = m_source->record().frameRate;
        auto lo = std::lower_bound(beats.begin(), beats.end(), std::int64_t(start * fs));
        auto hi = std::upper_bound(beats.begin(), beats.end(), std::int64_t((start + page) * fs));
        std::vector<double> rr;
        for (auto it = lo; it != hi && std::next(it) != hi; ++it)
            rr.push_back(double(*std::next(it) - *it) / fs);
        if (!rr.empty()) {
            std::nth_element(rr.begin(), rr.begin() + std::ptrdiff_t(rr.size() / 2), rr.end());
            bpm = 60.0 / rr[rr.size() / 2];
        }
    }
    if (std::isnan(bpm) != std::isnan(m_view->state().heartRateBpm) ||
        std::abs(bpm - m_view->state().heartRateBpm) > 0.5)
        m_view->setHeartRate(bpm);
}

void EcgWorkspace::applyFilter(EcgToolBar::FilterPreset preset, double notchHz) {
    if (!m_source)
        return;
    ecg::FilterSettings s;
    QString label;
    switch (preset) {
    case EcgToolBar::FilterPreset::None:
        label = tr("unfiltered");
        break;
    case EcgToolBar::FilterPreset::Diagnostic:
        s = ecg::FilterSettings::diagnostic();
        label = QStringLiteral("0.05–150 Hz");
        break;
    case EcgToolBar::FilterPreset::Monitor:
        s = ecg::FilterSettings::monitor();
        label = QStringLiteral("0.5–40 Hz");
        break;
    }
    // A low-pass above Nyquist is meaningless for low-rate records (PTB-XL 100 Hz).
    if (s.lowPassHz >= m_source->record().frameRate / 2)
        s.lowPassHz = 0.0;
    s.notchHz = notchHz < m_source->record().frameRate / 2 ? notchHz : 0.0;
    if (s.notchHz > 0)
        label += tr(", %1 Hz notch").arg(s.notchHz);
    m_source->setFilter(s);
    m_view->setFilterLabel(label);
}

void EcgWorkspace::markUncertainBeats(EcgOverlays& overlays, const inference::InferenceResult& r) {
    const double limit = r.details.value(QStringLiteral("uncertain_beat_threshold")).toDouble();
    if (limit <= 0 || r.beatUncertainty.size() != r.annotations.size())
        return;
    std::vector<std::int64_t> unsure; // Samples of the beats above the limit, ascending.
    for (std::size_t i = 0; i < r.annotations.size(); ++i)
        if (r.beatUncertainty[i] > limit)
            unsure.push_back(r.annotations[i].sample);
    std::sort(unsure.begin(), unsure.end());
    for (std::size_t b = 0; b < overlays.beats.size() && b < overlays.beatSamples.size(); ++b)
        overlays.beats[b].uncertain =
            std::binary_search(unsure.begin(), unsure.end(), overlays.beatSamples[b]);
}

void EcgWorkspace::jump(const QString& target, bool forward) {
    bool found = false;
    if (target.startsWith(QLatin1Char('(')) || target == QLatin1String("noise"))
        found = m_view->jumpToEpisode(target, forward);
    else
        found = m_view->jumpToBeat(target.isEmpty() ? QStringList() : QStringList{target}, forward);
    if (!found)
        Q_EMIT statusMessage(forward ? tr("No %1 after this point").arg(target)
                                     : tr("No %1 before this point").arg(target));
}

Result<bool> EcgWorkspace::exportPage(const QString& path) {
    if (!m_source)
        return Error{tr("no record open"), path};
    EcgStripExporter::Page page;
    page.state = m_view->state();
    page.state.scale.mmPerSecond = 25.0;
    page.state.scale.mmPerMv = 10.0;
    page.state.calipers.reset();
    const ecg::EcgRecord& r = m_source->record();
    page.title =
        r.name + (r.start ? QStringLiteral("   ") + r.start->toString(Qt::ISODate) : QString());
    page.beats = m_view->beats();
    const EcgOverlays empty;
    page.episodes = m_annotator.isEmpty() ? empty.episodes : m_overlays[m_annotator].episodes;
    page.waves = m_view->waves();
    if (path.endsWith(QLatin1String(".png"), Qt::CaseInsensitive))
        return EcgStripExporter::writePng(path, *m_source, page);
    return EcgStripExporter::writePdf(path, *m_source, page);
}

void EcgWorkspace::askExport() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export strip"), QString(),
                                                      tr("PDF (*.pdf);;PNG image (*.png)"));
    if (path.isEmpty())
        return;
    const auto r = exportPage(path);
    Q_EMIT statusMessage(r ? tr("Exported %1").arg(QFileInfo(path).fileName())
                           : r.error().describe());
}

} // namespace cardiolens::widgets
