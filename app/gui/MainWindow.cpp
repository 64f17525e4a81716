#include "gui/MainWindow.h"

#include "ecg/EcgWorkspace.h"
#include "formats/FormatDetector.h"
#include "gui/AboutDialog.h"
#include "gui/InferenceUi.h"
#include "gui/RecentFiles.h"
#include "imaging/DatasetLayout.h"
#include "imaging/ImagingWorkspace.h"
#include "imaging/edit/EditPersistence.h"
#include "labels/ExportDialog.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
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
    setWindowTitle(tr("Cardiolens") + QStringLiteral("[*]"));
    setAcceptDrops(true);
    m_recent = new RecentFiles(this);

    m_tabs = new QTabWidget(this);
    m_ecg = new widgets::EcgWorkspace(m_tabs);
    m_imaging = new widgets::ImagingWorkspace(m_tabs);
    m_imaging->setSeriesChooser([this](const QStringList& series, int suggested) {
        if (!m_interactive)
            return suggested;
        bool ok = false;
        const QString pick = QInputDialog::getItem(this, tr("Choose a series"),
                                                   tr("The folder holds several series:"), series,
                                                   suggested, false, &ok);
        return ok ? int(series.indexOf(pick)) : -1;
    });
    m_tabs->addTab(m_ecg, tr("ECG"));
    m_tabs->addTab(m_imaging, tr("Imaging"));
    installEditPrompts();
    connect(m_imaging, &widgets::ImagingWorkspace::dirtyChanged, this, [this](bool dirty) {
        m_tabs->setTabText(m_tabs->indexOf(m_imaging), dirty ? tr("Imaging *") : tr("Imaging"));
        setWindowModified(dirty);
    });
    setCentralWidget(m_tabs);

    for (auto* w : {static_cast<QObject*>(m_ecg), static_cast<QObject*>(m_imaging)})
        connect(w, SIGNAL(statusMessage(QString)), statusBar(), SLOT(showMessage(QString)));

    m_inference = new InferenceUi(this, m_tabs, m_ecg, m_imaging);
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
    file->addAction(tr("&Export labels…"), this, [this] {
        auto* dialog = new widgets::ExportDialog(this); // Modeless: exporting takes a while.
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("&ECG workspace"), QKeySequence(tr("Ctrl+1")), this,
                    [this] { m_tabs->setCurrentWidget(m_ecg); });
    view->addAction(tr("&Imaging workspace"), QKeySequence(tr("Ctrl+2")), this,
                    [this] { m_tabs->setCurrentWidget(m_imaging); });

    view->addSeparator();
    view->addAction(tr("&Calibrate ECG paper…"), m_ecg, &widgets::EcgWorkspace::calibrateScreen);
    // Inference on the open ECG record or image: progress in the status bar, results in
    // the workspaces and the "Model result" dock.
    m_inference->populateMenu(menuBar()->addMenu(tr("&Models")));
    QMenu* language = view->addMenu(tr("&Language"));
    auto* languages = new QActionGroup(language);
    const QString current = QSettings().value(QStringLiteral("ui/language")).toString();
    const QList<QPair<QString, QString>> choices = {
        {QStringLiteral("en"), QStringLiteral("English")},
        {QStringLiteral("de"), QStringLiteral("Deutsch")}};
    for (const auto& [code, name] : choices) {
        QAction* a = language->addAction(name);
        a->setCheckable(true);
        a->setChecked(code == current || (current.isEmpty() && code == QLatin1String("en")));
        languages->addAction(a);
        connect(a, &QAction::triggered, this, [this, code = code] {
            QSettings().setValue(QStringLiteral("ui/language"), code);
            statusBar()->showMessage(tr("The language changes at the next start."));
        });
    }

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
                                      tr("Cardiac data (*.hea *.dat *.mat *.atr *.edf *.csv *.dcm "
                                         "*.nii *.nii.gz *.mhd *.nrrd *.avi *.mp4);;"
                                         "ECG (*.hea *.edf *.csv *.dcm);;"
                                         "Images (*.dcm *.nii *.nii.gz *.mhd *.nrrd *.avi *.mp4);;"
                                         "All files (*)"));
    if (files.isEmpty())
        return;
    settings.setValue(QStringLiteral("files/lastDir"), QFileInfo(files.first()).absolutePath());
    for (const QString& f : files)
        openFile(f);
}

bool MainWindow::openFile(const QString& path) {
    FileKind kind = FormatDetector::detect(path);
    // A dataset case folder (ACDC, M&Ms, Sunnybrook ...) opens as a cine with its labels.
    if (kind == FileKind::Unknown && QFileInfo(path).isDir() &&
        imaging::DatasetLayout::detect(path))
        kind = FileKind::ImageVolume;
    Result<bool> result = Error{tr("unrecognised file format"), path};
    switch (kind) {
    case FileKind::WfdbRecord:
        result = m_ecg->openRecord(FormatDetector::wfdbHeaderFor(path));
        if (result)
            m_tabs->setCurrentWidget(m_ecg);
        break;
    case FileKind::DicomImage:
        result = m_imaging->openVolume(path);
        if (result)
            m_tabs->setCurrentWidget(m_imaging);
        break;
    case FileKind::DicomWaveform:
        result = m_ecg->openRecord(path);
        if (result)
            m_tabs->setCurrentWidget(m_ecg);
        break;
    case FileKind::DicomOther:
        result = Error{tr("DICOM file without image or waveform content"), path};
        break;
    case FileKind::ImageVolume:
    case FileKind::DicomFolder:
    case FileKind::Video:
        result = m_imaging->openVolume(path);
        if (result)
            m_tabs->setCurrentWidget(m_imaging);
        break;
    case FileKind::Unknown: {
        if (!QFileInfo::exists(path)) {
            result = Error{tr("no such file"), path};
            break;
        }
        // EDF and CSV recordings have no magic the detector keys on: let the ECG reader
        // decide, and report its reason for files that look like ECG data.
        const QString suffix = QFileInfo(path).suffix().toLower();
        auto ecg = m_ecg->openRecord(path);
        if (ecg) {
            m_tabs->setCurrentWidget(m_ecg);
            result = true;
        } else if (suffix == QLatin1String("edf") || suffix == QLatin1String("csv") ||
                   suffix == QLatin1String("rec")) {
            result = ecg.error();
        }
        break;
    }
    }
    if (!result) {
        reportError(result.error().describe());
        return false;
    }
    m_recent->add(path);
    return true;
}

bool MainWindow::isBusy() const {
    return m_ecg->isBusy() || m_inference->isRunning();
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

void MainWindow::installEditPrompts() {
    using widgets::EditPersistence;
    EditPersistence* p = m_imaging->persistence();
    // Scripted runs (--screenshot) never block on a question: nothing is asked, and the
    // unsaved work stays journaled for the next interactive open.
    p->setUnsavedPrompt([this](const QString& caseName) {
        if (!m_interactive)
            return EditPersistence::UnsavedChoice::Keep;
        const auto answer = QMessageBox::question(
            this, tr("Unsaved edits"),
            tr("The labels of %1 have unsaved edits. Save them as a revision?").arg(caseName),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
        return answer == QMessageBox::Save      ? EditPersistence::UnsavedChoice::Save
               : answer == QMessageBox::Discard ? EditPersistence::UnsavedChoice::Discard
                                                : EditPersistence::UnsavedChoice::Cancel;
    });
    p->setRecoveryPrompt([this](const labels::EditSession& s) {
        if (!m_interactive)
            return false;
        std::unique_ptr<QMessageBox> box(EditPersistence::createRecoveryBox(s, this));
        box->exec();
        return box->buttonRole(box->clickedButton()) == QMessageBox::AcceptRole;
    });
    p->setAnnotatorPrompt([this](const QString& suggested) {
        if (!m_interactive)
            return suggested;
        bool ok = false;
        const QString name = QInputDialog::getText(
            this, tr("Annotator"), tr("Your name, recorded with every revision you save:"),
            QLineEdit::Normal, suggested, &ok);
        return ok ? name.trimmed() : QString();
    });
}

void MainWindow::closeEvent(QCloseEvent* e) {
    if (m_interactive && !m_imaging->confirmClose()) {
        e->ignore(); // the user kept the unsaved edits open
        return;
    }
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
