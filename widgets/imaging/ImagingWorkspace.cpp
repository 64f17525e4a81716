#include "imaging/ImagingWorkspace.h"

#include "imaging/CineVolume.h"
#include "imaging/ImageLoader.h"
#include "imaging/ImageSliceView.h"
#include "imaging/SliceExtractor.h"

#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace cardiolens::widgets {

ImagingWorkspace::ImagingWorkspace(QWidget* parent) : QWidget(parent) {
    m_view = new ImageSliceView(this);
    m_info = new QLabel(tr("No image open.\n\nUse File ▸ Open or drop a DICOM file here."), this);
    m_info->setWordWrap(true);
    m_info->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_info->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_windowLevel = new QLabel(this);

    auto* autoWl = new QPushButton(tr("Auto window/level"), this);
    connect(autoWl, &QPushButton::clicked, m_view, &ImageSliceView::autoWindowLevel);
    connect(m_view, &ImageSliceView::windowLevelChanged, this, [this](double w, double l) {
        m_windowLevel->setText(tr("W %1  L %2").arg(w, 0, 'f', 0).arg(l, 0, 'f', 0));
    });

    m_slice = new QSpinBox(this);
    m_phase = new QSpinBox(this);
    for (QSpinBox* box : {m_slice, m_phase}) {
        box->setEnabled(false);
        connect(box, &QSpinBox::valueChanged, this,
                [this] { showFrame(m_slice->value(), m_phase->value()); });
    }
    auto* frameForm = new QFormLayout;
    frameForm->addRow(tr("Slice"), m_slice);
    frameForm->addRow(tr("Phase"), m_phase);

    auto* panel = new QVBoxLayout;
    panel->addWidget(m_info, 1);
    panel->addLayout(frameForm);
    panel->addWidget(m_windowLevel);
    panel->addWidget(autoWl);
    auto* panelWidget = new QWidget(this);
    panelWidget->setLayout(panel);
    panelWidget->setFixedWidth(260);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view, 1);
    layout->addWidget(panelWidget);
}

ImagingWorkspace::~ImagingWorkspace() = default;

Result<bool> ImagingWorkspace::openVolume(const QString& path) {
    auto loaded = imaging::ImageLoader::load(path);
    if (!loaded)
        return loaded.error();
    m_volume = std::make_unique<imaging::CineVolume>(std::move(loaded.value()));
    m_currentFile = path;
    const QSignalBlocker blockSlice(m_slice), blockPhase(m_phase);
    m_slice->setRange(0, m_volume->slices() - 1);
    m_phase->setRange(0, m_volume->phases() - 1);
    m_slice->setValue(m_volume->slices() / 2);
    m_phase->setValue(0);
    m_slice->setEnabled(m_volume->slices() > 1);
    m_phase->setEnabled(m_volume->phases() > 1);
    showFrame(m_slice->value(), m_phase->value());
    m_view->autoWindowLevel();
    Q_EMIT statusMessage(tr("Opened %1").arg(QFileInfo(path).fileName()));
    return true;
}

void ImagingWorkspace::showFrame(int slice, int phase) {
    if (!m_volume)
        return;
    const auto [window, level] = std::pair{m_view->window(), m_view->level()};
    const bool keepWindow = !m_view->slice().isEmpty();
    m_view->setSlice(imaging::extractSlice(*m_volume, slice, phase));
    if (keepWindow) // stepping through frames keeps the reader's window/level
        m_view->setWindowLevel(window, level);
    updateVolumeInfo();
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
    for (const QString& w : v.warnings())
        text += QStringLiteral("<br><i>%1</i>").arg(w.toHtmlEscaped());
    m_info->setText(text);
}

} // namespace cardiolens::widgets
