#include "imaging/ImagingWorkspace.h"

#include "imaging/CineMetricsPanel.h"
#include "imaging/CineView.h"
#include "imaging/CineVolume.h"
#include "imaging/DatasetLayout.h"
#include "imaging/DicomFolder.h"
#include "imaging/DicomReader.h"
#include "imaging/ImageLoader.h"
#include "imaging/LabelSurfaceView.h"
#include "imaging/LabelTableWidget.h"
#include "imaging/LabelVolume.h"
#include "imaging/LabelledCaseLoader.h"
#include "imaging/LightboxView.h"
#include "imaging/edit/EditPalette.h"
#include "imaging/edit/EditPersistence.h"
#include "imaging/edit/EditSession.h"
#include "imaging/edit/RevisionHistoryPanel.h"
#include "labels/CaseRecord.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QShortcut>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QVBoxLayout>

namespace cardiolens::widgets {

using imaging::CineVolume;

ImagingWorkspace::ImagingWorkspace(QWidget* parent) : QWidget(parent) {
    m_view = new CineView(this);
    m_predictionView = new CineView(this);
    m_predictionView->setCaption(tr("Prediction"));
    m_lightbox = new LightboxView(this);
    m_surfaces = new LabelSurfaceView(this);
    m_metrics = new CineMetricsPanel(this);
    m_metrics->setVisible(false);

    auto* pair = new QWidget(this);
    auto* pairLayout = new QHBoxLayout(pair);
    pairLayout->setContentsMargins(0, 0, 0, 0);
    pairLayout->setSpacing(2);
    pairLayout->addWidget(m_view, 1);
    pairLayout->addWidget(m_predictionView, 1);
    m_predictionView->hide();
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(pair);
    m_stack->addWidget(m_lightbox);
    m_stack->addWidget(m_surfaces);

    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_stack);
    split->addWidget(m_metrics);
    split->setStretchFactor(0, 4);
    split->setStretchFactor(1, 1);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split, 1);
    layout->addWidget(buildPanel());

    connect(m_view, &CineView::frameChanged, this, &ImagingWorkspace::onFrameChanged);
    connect(m_view, &CineView::playingChanged, this,
            [this](bool on) { m_play->setText(on ? tr("Pause") : tr("Play")); });
    connect(m_view, &CineView::windowLevelChanged, this, [this](double w, double l) {
        m_predictionView->setWindowLevel({w, l});
        m_lightbox->setWindowLevel({w, l});
    });
    connect(m_view, &CineView::cursorReadout, m_readout, &QLabel::setText);
    connect(m_predictionView, &CineView::cursorReadout, m_readout, &QLabel::setText);
    // The prediction view follows the main one on slice and phase (linked views).
    connect(m_predictionView, &CineView::frameChanged, this, [this](int s, int p) {
        if (s != m_view->slice() || p != m_view->phase())
            m_view->showFrame(s, p);
    });
    connect(m_lightbox, &LightboxView::frameActivated, this, &ImagingWorkspace::showFrame);
    connect(m_labelTable, &LabelTableWidget::styleChanged, this,
            &ImagingWorkspace::applyOverlayStyle);
}

ImagingWorkspace::~ImagingWorkspace() {
    m_edit->reset();
    // Views hold raw pointers into the volume and labels: detach before they go.
    m_view->setVolume(nullptr);
    m_predictionView->setVolume(nullptr);
    m_lightbox->setVolume(nullptr);
}

QWidget* ImagingWorkspace::buildPanel() {
    m_info = new QLabel(tr("No image open.\n\nUse File ▸ Open or drop a DICOM file here."), this);
    m_info->setWordWrap(true);
    m_info->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_info->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_readout = new QLabel(this);
    m_readout->setWordWrap(true);

    m_slice = new QSpinBox(this);
    m_phase = new QSpinBox(this);
    for (QSpinBox* box : {m_slice, m_phase}) {
        box->setEnabled(false);
        connect(box, &QSpinBox::valueChanged, this,
                [this] { showFrame(m_slice->value() - 1, m_phase->value() - 1); });
    }
    m_play = new QPushButton(tr("Play"), this);
    m_play->setToolTip(tr("Play or pause the cine (Space)"));
    connect(m_play, &QPushButton::clicked, m_view, &CineView::togglePlay);
    m_speed = new QDoubleSpinBox(this);
    m_speed->setRange(0.1, 8.0);
    m_speed->setSingleStep(0.25);
    m_speed->setValue(1.0);
    m_speed->setSuffix(QStringLiteral("×"));
    connect(m_speed, &QDoubleSpinBox::valueChanged, this,
            [this](double v) { m_view->playback().setSpeed(v); });
    m_playMode = new QComboBox(this);
    m_playMode->addItems({tr("Loop"), tr("Back and forth")});
    connect(m_playMode, &QComboBox::currentIndexChanged, this, [this](int i) {
        m_view->playback().setMode(i == 1 ? imaging::CinePlayback::Mode::Bounce
                                          : imaging::CinePlayback::Mode::Loop);
    });
    auto* frameForm = new QFormLayout;
    frameForm->addRow(tr("Slice (↑/↓)"), m_slice);
    frameForm->addRow(tr("Phase (←/→)"), m_phase);
    frameForm->addRow(m_play);
    frameForm->addRow(tr("Speed"), m_speed);
    frameForm->addRow(tr("Order"), m_playMode);

    m_preset = new QComboBox(this);
    m_preset->addItems(
        {tr("Auto (1–99 %)"), tr("Wide (0.1–99.9 %)"), tr("Contrast (5–95 %)"), tr("Full range")});
    connect(m_preset, &QComboBox::activated, this, [this](int i) {
        if (!m_volume)
            return;
        const int s = m_view->slice(), p = m_view->phase();
        switch (i) {
        case 0:
            m_view->setWindowLevel(imaging::percentileWindow(*m_volume, s, p, 1, 99));
            break;
        case 1:
            m_view->setWindowLevel(imaging::percentileWindow(*m_volume, s, p, 0.1, 99.9));
            break;
        case 2:
            m_view->setWindowLevel(imaging::percentileWindow(*m_volume, s, p, 5, 95));
            break;
        default:
            m_view->setWindowLevel(imaging::fullRangeWindow(*m_volume, s, p));
            break;
        }
    });
    auto* resetWl = new QPushButton(tr("Reset"), this);
    resetWl->setToolTip(tr("Window and view as opened (R); right-drag adjusts the window"));
    connect(resetWl, &QPushButton::clicked, this, [this] {
        m_view->resetWindowLevel();
        m_view->resetView();
    });
    auto* wlRow = new QHBoxLayout;
    wlRow->addWidget(m_preset, 1);
    wlRow->addWidget(resetWl);

    m_layout = new QComboBox(this);
    m_layout->addItems({tr("Single"), tr("Reference | prediction"), tr("Lightbox: all slices"),
                        tr("Lightbox: all phases"), tr("3-D surfaces")});
    connect(m_layout, &QComboBox::activated, this,
            [this](int i) { setViewLayout(static_cast<Layout>(i)); });
    m_source = new QComboBox(this);
    m_source->addItems({tr("Reference labels"), tr("Model prediction")});
    connect(m_source, &QComboBox::activated, this,
            [this](int i) { setLabelSource(static_cast<LabelSource>(i)); });
    m_labelTable = new LabelTableWidget(this);
    auto* loadButton = new QPushButton(tr("Load prediction…"), this);
    loadButton->setToolTip(
        tr("A label file on the same grid (internal labels), e.g. a model's output"));
    connect(loadButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Load predicted labels"), QFileInfo(m_currentFile).absolutePath(),
            tr("Label volumes (*.nii *.nii.gz *.mhd *.mha *.nrrd);;All files (*)"));
        if (path.isEmpty())
            return;
        auto loaded = loadPrediction(path);
        Q_EMIT statusMessage(loaded
                                 ? tr("Prediction loaded from %1").arg(QFileInfo(path).fileName())
                                 : tr("%1: %2").arg(path, loaded.error().message));
    });

    auto* overlayBox = new QGroupBox(tr("Labels"), this);
    auto* overlayLayout = new QVBoxLayout(overlayBox);
    overlayLayout->addWidget(m_source);
    overlayLayout->addWidget(loadButton);
    auto* labelTabs = new QTabWidget(overlayBox);
    labelTabs->addTab(m_labelTable, tr("Labels"));
    overlayLayout->addWidget(labelTabs, 1);

    auto* editBox = new QGroupBox(tr("Edit"), this);
    auto* editLayout = new QVBoxLayout(editBox);
    m_edit = new EditSession(editBox, this);
    m_editButton = new QPushButton(tr("Edit labels"), this);
    m_editButton->setCheckable(true);
    m_editButton->setToolTip(tr("Correct the labels shown: brush, eraser, polygon, lasso; "
                                "every action can be undone"));
    connect(m_editButton, &QPushButton::toggled, this, &ImagingWorkspace::setEditMode);
    m_fromPrediction = new QPushButton(tr("Start from prediction"), this);
    m_fromPrediction->setToolTip(tr("Replace the working labels by the model's prediction "
                                    "(one undoable action)"));
    m_fromPrediction->setVisible(false);
    connect(m_fromPrediction, &QPushButton::clicked, this, [this] {
        if (m_prediction)
            m_edit->startFromPrediction(*m_prediction);
    });
    editLayout->addWidget(m_editButton);
    editLayout->addWidget(m_edit->palette());
    editLayout->addWidget(m_fromPrediction);
    m_persist = new EditPersistence(m_edit, this);
    labelTabs->addTab(m_persist->historyPanel(), tr("Revisions"));
    connectPersistence();

    auto* panel = new QVBoxLayout;
    panel->addWidget(m_info);
    panel->addLayout(frameForm);
    panel->addWidget(new QLabel(tr("Window")));
    panel->addLayout(wlRow);
    panel->addWidget(new QLabel(tr("Layout")));
    panel->addWidget(m_layout);
    panel->addWidget(overlayBox, 1);
    panel->addWidget(editBox);
    panel->addWidget(m_readout);
    auto* panelWidget = new QWidget(this);
    panelWidget->setLayout(panel);
    panelWidget->setFixedWidth(270);
    return panelWidget;
}

Result<bool> ImagingWorkspace::openVolume(const QString& path) {
    if (!confirmClose())
        return Error{tr("not opened: the open case has unsaved edits"), path};
    std::optional<imaging::DatasetCase> datasetCase;
    if (imaging::DatasetLayout::detect(path)) {
        auto c = imaging::DatasetLayout::open(path);
        if (c && !c->cineImage.isEmpty())
            datasetCase = std::move(*c);
    }
    // A case opens its cine; a plain file in a case folder opens as itself.
    const QString imagePath =
        datasetCase && (QFileInfo(path).isDir() || QFileInfo(path).suffix() != QLatin1String("dcm"))
            ? datasetCase->cineImage
            : path;
    Result<CineVolume> loaded = Error{tr("not read"), imagePath};
    bool chosen = false;
    if (!datasetCase && m_seriesChooser && QFileInfo(imagePath).isDir()) {
        auto scanned = imaging::DicomFolder::scan(imagePath);
        if (scanned && scanned->size() > 1) {
            QStringList lines;
            int suggested = 0;
            for (std::size_t i = 0; i < scanned->size(); ++i) {
                const imaging::DicomSeries& s = (*scanned)[i];
                lines << tr("#%1 %2 (%3, %4 files)")
                             .arg(s.seriesNumber)
                             .arg(s.description.isEmpty() ? s.seriesInstanceUid : s.description,
                                  s.modality)
                             .arg(s.files.size());
                if (s.files.size() > (*scanned)[std::size_t(suggested)].files.size())
                    suggested = int(i);
            }
            const int pick = m_seriesChooser(lines, suggested);
            if (pick < 0 || pick >= int(scanned->size()))
                return Error{tr("no series chosen"), imagePath};
            loaded = imaging::DicomReader::readFolder(
                imagePath, (*scanned)[std::size_t(pick)].seriesInstanceUid);
            chosen = true;
        }
    }
    if (!chosen)
        loaded = imaging::ImageLoader::load(imagePath);
    if (!loaded)
        return loaded.error();

    m_editButton->setChecked(false);
    m_edit->reset();
    m_view->setVolume(nullptr);
    m_predictionView->setVolume(nullptr);
    m_lightbox->setVolume(nullptr);
    m_annotations.reset();
    m_prediction.reset();
    m_volume = std::make_unique<CineVolume>(std::move(loaded.value()));
    m_currentFile = path;
    QStringList notes;
    if (datasetCase) {
        auto a = imaging::annotationsOnImage(*datasetCase, *m_volume);
        if (a)
            m_annotations = std::make_unique<imaging::CaseAnnotations>(std::move(*a));
        else
            notes << a.error().message;
    }
    m_view->setVolume(m_volume.get());
    m_predictionView->setVolume(m_volume.get());
    m_lightbox->setVolume(m_volume.get());
    m_lightbox->setWindowLevel(m_view->windowLevel());
    m_view->playback().setSpeed(m_speed->value());
    attachLabels();
    {
        const QSignalBlocker blockSlice(m_slice), blockPhase(m_phase);
        m_slice->setRange(1, m_volume->slices());
        m_phase->setRange(1, m_volume->phases());
        m_slice->setEnabled(m_volume->slices() > 1);
        m_phase->setEnabled(m_volume->phases() > 1);
    }
    onFrameChanged(m_view->slice(), m_view->phase());
    updateVolumeInfo();
    for (const QString& n : notes)
        m_info->setText(m_info->text() + QStringLiteral("<br><i>%1</i>").arg(n.toHtmlEscaped()));
    m_view->setFocus();
    Q_EMIT statusMessage(tr("Opened %1").arg(QFileInfo(path).fileName()));
    registerCase(datasetCase ? &*datasetCase : nullptr);
    return true;
}

Result<bool> ImagingWorkspace::loadPrediction(const QString& path) {
    if (!m_volume)
        return Error{tr("open an image first"), path};
    auto labels = imaging::LabelledCaseLoader::readLabels(path, imaging::LabelConvention::Internal);
    if (!labels)
        return labels.error();
    if (!labels->matches(*m_volume))
        return Error{tr("the labels' grid differs from the image's"), path};
    imaging::LabelCine cine;
    cine.nx = m_volume->width();
    cine.ny = m_volume->height();
    cine.nz = m_volume->slices();
    cine.nt = m_volume->phases();
    const auto& g = m_volume->geometry();
    cine.spacing = {g.pixelSpacing[0], g.pixelSpacing[1], g.sliceSpacing};
    cine.labels.assign(labels->labels().begin(), labels->labels().end());
    setPrediction(std::move(cine));
    return true;
}

void ImagingWorkspace::setPrediction(imaging::LabelCine labels) {
    m_prediction = std::move(labels);
    setLabelSource(LabelSource::Prediction);
}

void ImagingWorkspace::setEditMode(bool on) {
    if (on == m_edit->isActive())
        return;
    if (on) {
        auto started = m_edit->start(m_view, m_volume.get(), activeLabels());
        if (!started) {
            Q_EMIT statusMessage(started.error().message);
            on = false;
        } else {
            m_persist->editingStarted();
        }
    } else {
        m_edit->stop();
        m_persist->editingStopped();
    }
    const QSignalBlocker block(m_editButton);
    m_editButton->setChecked(on);
    m_fromPrediction->setVisible(on && m_prediction.has_value());
}

void ImagingWorkspace::setLabelSource(LabelSource source) {
    m_labelSource = source;
    m_source->setCurrentIndex(int(source));
    attachLabels();
}

const imaging::LabelCine* ImagingWorkspace::activeLabels() const {
    if (m_labelSource == LabelSource::Prediction && m_prediction)
        return &*m_prediction;
    return m_annotations ? &m_annotations->labels : nullptr;
}

void ImagingWorkspace::attachLabels() {
    const imaging::LabelCine* reference = m_annotations ? &m_annotations->labels : nullptr;
    const imaging::LabelCine* shown = activeLabels();
    const bool sideBySide = m_layoutMode == Layout::SideBySide;
    // Side by side: reference on the left, prediction on the right.
    m_view->setLabels(sideBySide ? reference : shown);
    m_view->setContours(
        m_annotations && (sideBySide || shown == reference) ? &m_annotations->contours : nullptr);
    m_view->setCaption(sideBySide ? tr("Reference") : QString());
    m_predictionView->setLabels(m_prediction ? &*m_prediction : nullptr);
    m_lightbox->setLabels(shown);
    m_metrics->setLabels(
        shown, m_annotations ? m_annotations->metricsOptions : imaging::CineMetricsOptions{},
        m_volume ? m_volume->phases() : 0);
    m_metrics->setVisible(shown != nullptr);
    m_metrics->setCurrentPhase(m_view->phase());
    applyOverlayStyle();
}

void ImagingWorkspace::applyOverlayStyle() {
    const auto& style = m_labelTable->style();
    const bool on = m_labelTable->overlayVisible();
    for (CineView* v : {m_view, m_predictionView}) {
        v->setOverlayStyle(style);
        v->setOverlayVisible(on);
    }
    m_lightbox->setOverlayStyle(style, on);
    updateSurfaces();
}

void ImagingWorkspace::updateSurfaces() {
    if (m_layoutMode == Layout::Surfaces)
        m_surfaces->setLabels(activeLabels(), m_view->phase(), m_labelTable->style());
}

void ImagingWorkspace::setViewLayout(Layout layout) {
    m_layoutMode = layout;
    m_layout->setCurrentIndex(int(layout));
    m_predictionView->setVisible(layout == Layout::SideBySide);
    if (layout == Layout::LightboxSlices || layout == Layout::LightboxPhases) {
        m_lightbox->setMode(layout == Layout::LightboxSlices ? LightboxView::Mode::SlicesAtPhase
                                                             : LightboxView::Mode::PhasesOfSlice);
        m_stack->setCurrentWidget(m_lightbox);
    } else if (layout == Layout::Surfaces) {
        m_stack->setCurrentWidget(m_surfaces);
    } else {
        m_stack->setCurrentIndex(0);
    }
    attachLabels();
}

void ImagingWorkspace::showFrame(int slice, int phase) {
    m_view->showFrame(slice, phase);
}

void ImagingWorkspace::onFrameChanged(int slice, int phase) {
    {
        const QSignalBlocker blockSlice(m_slice), blockPhase(m_phase);
        m_slice->setValue(slice + 1);
        m_phase->setValue(phase + 1);
    }
    if (m_predictionView->isVisible())
        m_predictionView->showFrame(slice, phase);
    m_lightbox->setFrame(slice, phase);
    m_metrics->setCurrentPhase(phase);
    if (!m_view->isPlaying())
        updateSurfaces();
}

void ImagingWorkspace::updateVolumeInfo() {
    const auto& v = *m_volume;
    const auto& g = v.geometry();
    QString text =
        tr("<b>%1</b><br>%2<br>%3 × %4 pixels, %5 slices × %6 phases<br>%7 × %8 mm per pixel, "
           "slices %9 mm apart")
            .arg(QFileInfo(m_currentFile).fileName().toHtmlEscaped(),
                 v.info().modality.toHtmlEscaped())
            .arg(v.width())
            .arg(v.height())
            .arg(v.slices())
            .arg(v.phases())
            .arg(QLocale().toString(g.pixelSpacing[0], 'f', 3),
                 QLocale().toString(g.pixelSpacing[1], 'f', 3),
                 QLocale().toString(g.sliceSpacing, 'f', 2));
    if (!g.pixelSpacingKnown)
        text += tr("<br>Pixel spacing unknown: lengths in pixels");
    text += tr("<br>Playback %1 fps").arg(m_view->playback().framesPerSecond(), 0, 'f', 1);
    if (m_annotations)
        text += tr("<br>%1 labelled frames, %2 contours")
                    .arg(m_annotations->labels.nt)
                    .arg(m_annotations->contours.size());
    for (const QString& w : v.warnings())
        text += QStringLiteral("<br><i>%1</i>").arg(w.toHtmlEscaped());
    if (m_annotations)
        for (const QString& w : m_annotations->warnings)
            text += QStringLiteral("<br><i>%1</i>").arg(w.toHtmlEscaped());
    m_info->setText(text);
}

bool ImagingWorkspace::confirmClose() {
    return m_persist->confirmClose();
}

void ImagingWorkspace::connectPersistence() {
    connect(m_persist, &EditPersistence::statusMessage, this, &ImagingWorkspace::statusMessage);
    connect(m_persist, &EditPersistence::dirtyChanged, this, [this](bool dirty) {
        setWindowModified(dirty);
        Q_EMIT dirtyChanged(dirty);
    });
    connect(m_persist, &EditPersistence::editRequested, this, [this] { setEditMode(true); });
    connect(m_persist, &EditPersistence::showRevision, this,
            [this](const imaging::LabelVolume& labels, const QString& title) {
                if (!m_volume || !labels.matches(*m_volume))
                    return;
                setPrediction(labelCineFromVolume(*m_volume, labels));
                setViewLayout(Layout::SideBySide);
                Q_EMIT statusMessage(tr("%1 shown beside the working labels").arg(title));
            });
    auto* save = new QShortcut(QKeySequence::Save, this);
    save->setContext(Qt::WidgetWithChildrenShortcut);
    connect(save, &QShortcut::activated, this, [this] {
        if (m_edit->document())
            m_persist->save();
    });
}

void ImagingWorkspace::registerCase(const imaging::DatasetCase* datasetCase) {
    labels::CaseDescription c;
    c.path = m_currentFile;
    c.modality = m_volume->info().modality;
    if (datasetCase) {
        c.dataset = imaging::datasetKindName(datasetCase->kind);
        c.caseName = datasetCase->caseId;
    } else {
        c.caseName = QFileInfo(m_currentFile).completeBaseName();
    }
    setWindowTitle(c.caseName + QStringLiteral("[*]"));
    setWindowModified(false);
    if (m_persist->openCase(c))
        setEditMode(true); // restores the unsaved work the user asked back
}

} // namespace cardiolens::widgets
