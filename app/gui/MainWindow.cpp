#include "gui/MainWindow.h"

#include "ecg/EcgWorkspace.h"
#include "formats/FormatDetector.h"
#include "gui/AboutDialog.h"
#include "gui/RecentFiles.h"
#include "imaging/ImagingWorkspace.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>

#include <cstdio>

namespace cardiolens::app {

using formats::FileKind;
using formats::FormatDetector;

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle(tr("Cardiolens"));
    setAcceptDrops(true);
    m_recent = new RecentFiles(this);

    m_tabs = new QTabWidget(this);
    m_ecg = new widgets::EcgWorkspace(m_tabs);
    m_imaging = new widgets::ImagingWorkspace(m_tabs);
    m_tabs->addTab(m_ecg, tr("ECG"));
    m_tabs->addTab(m_imaging, tr("Imaging"));
    setCentralWidget(m_tabs);

    for (auto* w : {static_cast<QObject*>(m_ecg), static_cast<QObject*>(m_imaging)})
        connect(w, SIGNAL(statusMessage(QString)), statusBar(), SLOT(showMessage(QString)));

    createMenus();
    statusBar()->showMessage(tr("Ready"));
    restoreWindowState();
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open…"), this, &MainWindow::showOpenDialog);
    open->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    connect(m_recent, &RecentFiles::changed, this, &MainWindow::rebuildRecentMenu);
    rebuildRecentMenu();
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("&ECG workspace"), QKeySequence(tr("Ctrl+1")), this,
                    [this] { m_tabs->setCurrentWidget(m_ecg); });
    view->addAction(tr("&Imaging workspace"), QKeySequence(tr("Ctrl+2")), this,
                    [this] { m_tabs->setCurrentWidget(m_imaging); });

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Cardiolens"), this, &MainWindow::showAbout);
}

void MainWindow::rebuildRecentMenu() {
    m_recentMenu->clear();
    const QStringList files = m_recent->files();
    for (const QString& f : files)
        m_recentMenu->addAction(QFileInfo(f).fileName(), this, [this, f] { openFile(f); })
            ->setToolTip(f);
    if (!files.isEmpty()) {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("Clear list"), m_recent, &RecentFiles::clear);
    }
    m_recentMenu->setEnabled(!files.isEmpty());
}

void MainWindow::showOpenDialog() {
    QSettings settings;
    const QString dir = settings.value(QStringLiteral("files/lastDir")).toString();
    const QStringList files =
        QFileDialog::getOpenFileNames(this, tr("Open"), dir,
                                      tr("Cardiac data (*.hea *.dat *.mat *.atr *.dcm);;WFDB "
                                         "records (*.hea);;DICOM (*.dcm);;All files (*)"));
    if (files.isEmpty())
        return;
    settings.setValue(QStringLiteral("files/lastDir"), QFileInfo(files.first()).absolutePath());
    for (const QString& f : files)
        openFile(f);
}

bool MainWindow::openFile(const QString& path) {
    const FileKind kind = FormatDetector::detect(path);
    Result<bool> result = Error{tr("unrecognised file format"), path};
    switch (kind) {
    case FileKind::WfdbRecord:
        result = m_ecg->openWfdbRecord(FormatDetector::wfdbHeaderFor(path));
        if (result)
            m_tabs->setCurrentWidget(m_ecg);
        break;
    case FileKind::DicomImage:
        result = m_imaging->openDicomImage(path);
        if (result)
            m_tabs->setCurrentWidget(m_imaging);
        break;
    case FileKind::DicomWaveform:
        result = Error{tr("DICOM ECG waveforms open once the ECG data core lands"), path};
        break;
    case FileKind::DicomOther:
        result = Error{tr("DICOM file without image or waveform content"), path};
        break;
    case FileKind::ImageVolume:
    case FileKind::DicomFolder:
    case FileKind::Video:
        result = Error{tr("cine volumes and echo videos open once the imaging viewer lands"), path};
        break;
    case FileKind::Unknown:
        if (!QFileInfo::exists(path))
            result = Error{tr("no such file"), path};
        break;
    }
    if (!result) {
        reportError(result.error().describe());
        return false;
    }
    m_recent->add(path);
    return true;
}

void MainWindow::reportError(const QString& message) {
    m_lastError = message;
    statusBar()->showMessage(message);
    std::fprintf(stderr, "cardiolens: %s\n", qPrintable(message));
    if (m_interactive)
        QMessageBox::warning(this, tr("Cannot open file"), message);
}

void MainWindow::showAbout() {
    AboutDialog dialog(this);
    dialog.exec();
}

void MainWindow::restoreWindowState() {
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1400, 900);
    m_tabs->setCurrentIndex(settings.value(QStringLiteral("window/tab"), 0).toInt());
}

void MainWindow::closeEvent(QCloseEvent* e) {
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/tab"), m_tabs->currentIndex());
    e->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* e) {
    if (e->mimeData()->hasUrls())
        e->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* e) {
    for (const QUrl& url : e->mimeData()->urls()) {
        if (url.isLocalFile())
            openFile(url.toLocalFile());
    }
    e->acceptProposedAction();
}

} // namespace cardiolens::app
