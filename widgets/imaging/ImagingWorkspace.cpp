#include "imaging/ImagingWorkspace.h"

#include "imaging/DicomSliceReader.h"
#include "imaging/ImageSliceView.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
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

    auto* panel = new QVBoxLayout;
    panel->addWidget(m_info, 1);
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

Result<bool> ImagingWorkspace::openDicomImage(const QString& path) {
    auto slice = imaging::DicomSliceReader::read(path);
    if (!slice)
        return slice.error();
    m_currentFile = path;
    m_view->setSlice(slice.value());
    updateInfo();
    Q_EMIT statusMessage(tr("Opened %1").arg(QFileInfo(path).fileName()));
    return true;
}

void ImagingWorkspace::updateInfo() {
    const auto& s = m_view->slice();
    m_info->setText(tr("<b>%1</b><br>%2 %3<br>%4 × %5 pixels<br>%6 × %7 mm per pixel")
                        .arg(QFileInfo(m_currentFile).fileName().toHtmlEscaped(),
                             s.modality.toHtmlEscaped(), s.description.toHtmlEscaped())
                        .arg(s.width)
                        .arg(s.height)
                        .arg(QLocale().toString(s.spacing[0], 'f', 3),
                             QLocale().toString(s.spacing[1], 'f', 3)));
}

} // namespace cardiolens::widgets
