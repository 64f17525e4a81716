#include "gui/InferenceUi.h"

#include "ecg/EcgStripView.h"
#include "ecg/EcgWorkspace.h"
#include "imaging/CineVolume.h"
#include "imaging/ImagingWorkspace.h"
#include "inference/ImagingModelRun.h"
#include "inference/ModelResultPanel.h"
#include "inference/ModelRunController.h"
#include "inference/ModelRunStatus.h"
#include "inference/ModelsDialog.h"
#include "inference/RetrainDialog.h"
#include "inference/UncertaintyCache.h"

#include <QDockWidget>
#include <QMainWindow>
#include <QMenu>
#include <QStatusBar>
#include <QTabWidget>

namespace cardiolens::app {

InferenceUi::InferenceUi(QMainWindow* window, QTabWidget* tabs, widgets::EcgWorkspace* ecg,
                         widgets::ImagingWorkspace* imaging)
    : QObject(window), m_window(window), m_tabs(tabs), m_ecg(ecg), m_imaging(imaging),
      m_imagingRun(new widgets::ImagingModelRun(imaging)),
      m_panel(new widgets::ModelResultPanel(window)),
      m_dock(new QDockWidget(tr("Model result"), window)),
      m_ecgStatus(new widgets::ModelRunStatus(ecg->modelRun(), window)),
      m_imagingStatus(new widgets::ModelRunStatus(m_imagingRun->controller(), window)) {
    m_dock->setObjectName(QStringLiteral("modelResultDock"));
    m_dock->setWidget(m_panel);
    m_dock->setMinimumWidth(380);
    window->addDockWidget(Qt::RightDockWidgetArea, m_dock);
    m_dock->hide(); // Appears with the first result.
    window->statusBar()->addPermanentWidget(m_ecgStatus);
    window->statusBar()->addPermanentWidget(m_imagingStatus);

    connect(m_imagingRun, &widgets::ImagingModelRun::statusMessage, window->statusBar(),
            [window](const QString& text) { window->statusBar()->showMessage(text); });
    for (widgets::ModelRunController* c : {ecg->modelRun(), m_imagingRun->controller()}) {
        connect(c, &widgets::ModelRunController::finished, this,
                [this, c](const inference::InferenceResult& r) { showResult(c, r); });
        connect(c, &widgets::ModelRunController::failed, this, [this, c](const QString& message) {
            if (c->isRunning())
                return; // A second start was refused; the running job's result follows.
            m_panel->showError(c->modelId(), message);
            m_dock->show();
        });
    }
    connect(m_panel, &widgets::ModelResultPanel::timeRequested, this, [this](double t) {
        m_tabs->setCurrentWidget(m_ecg);
        m_ecg->stripView()->goToTime(std::max(0.0, t - m_ecg->stripView()->pageSeconds() / 2));
    });
    connect(m_panel, &widgets::ModelResultPanel::frameRequested, this, &InferenceUi::showFrame);
    connect(ecg->stripView(), &widgets::EcgStripView::viewChanged, this,
            [this](double start, double page) {
                if (m_panel->casePath() == m_ecg->currentFile())
                    m_panel->setTimeCursor(start + page / 2);
            });
}

void InferenceUi::populateMenu(QMenu* models) {
    models->addAction(tr("&Run model…"), QKeySequence(tr("Ctrl+R")), this,
                      [this] { runOnCurrentWorkspace(); });
    models->addAction(tr("Run model on &ECG…"), m_ecg, [this] { m_ecg->runModel(); });
    models->addAction(tr("Run &segmentation model on image…"), this,
                      [this] { m_imagingRun->run(); });
    models->addAction(tr("&Cancel model run"), QKeySequence(tr("Ctrl+.")), this,
                      &InferenceUi::cancelAll);
    models->addSeparator();
    models->addAction(m_dock->toggleViewAction());
    models->addAction(tr("&Manage models…"), this, &InferenceUi::showModelsDialog);
    models->addAction(tr("Re&train…"), this, &InferenceUi::showRetrainDialog);
}

void InferenceUi::runOnCurrentWorkspace(const QString& model) {
    if (m_tabs->currentWidget() == m_imaging)
        m_imagingRun->run(model);
    else
        m_ecg->runModel(model);
}

bool InferenceUi::isRunning() const {
    return m_ecg->modelRun()->isRunning() || m_imagingRun->controller()->isRunning();
}

void InferenceUi::cancelAll() {
    m_ecg->cancelModelRun();
    m_imagingRun->cancel();
}

void InferenceUi::showModelsDialog() {
    widgets::ModelsDialog dialog(m_window);
    dialog.exec();
}

void InferenceUi::showRetrainDialog() {
    // Modeless: training runs for minutes while the user keeps working; the dialog owns the
    // process and cancels it when closed.
    auto* dialog = new widgets::RetrainDialog(m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void InferenceUi::showResult(const widgets::ModelRunController* controller,
                             const inference::InferenceResult& result) {
    const inference::UncertaintyCache cache(controller->uncertaintyCachePath());
    m_panel->showResult(result, cache.scoresFor(result.modelId));
    m_dock->show();
    if (result.casePath == m_ecg->currentFile()) {
        const widgets::EcgStripView* view = m_ecg->stripView();
        m_panel->setTimeCursor(view->startSeconds() + view->pageSeconds() / 2);
    }
}

void InferenceUi::showFrame(int frame) {
    const imaging::CineVolume* volume = m_imaging->volume();
    if (!volume || volume->slices() < 1)
        return;
    m_tabs->setCurrentWidget(m_imaging);
    // The runner segments phase by phase: frame = phase * slices + slice.
    m_imaging->showFrame(frame % volume->slices(),
                         std::min(frame / volume->slices(), volume->phases() - 1));
}

} // namespace cardiolens::app
