#pragma once

#include <QObject>

class QDockWidget;
class QMainWindow;
class QMenu;
class QTabWidget;

namespace cardiolens::inference {
struct InferenceResult;
}

namespace cardiolens::widgets {
class EcgWorkspace;
class ImagingModelRun;
class ImagingWorkspace;
class ModelResultPanel;
class ModelRunController;
class ModelRunStatus;
} // namespace cardiolens::widgets

namespace cardiolens::app {

/// The main window's inference front end: the Models menu, a progress strip with Cancel per
/// workspace in the status bar, and the "Model result" dock (probability panel). Results
/// also land in the workspaces (ECG annotator "model:NAME", imaging prediction).
class InferenceUi : public QObject {
    Q_OBJECT
public:
    InferenceUi(QMainWindow* window, QTabWidget* tabs, widgets::EcgWorkspace* ecg,
                widgets::ImagingWorkspace* imaging);

    void populateMenu(QMenu* menu);
    /// Ctrl+R: runs \a model (empty: asks for one suited to the current tab) on its case.
    void runOnCurrentWorkspace(const QString& model = {});
    bool isRunning() const;
    void cancelAll();
    void showModelsDialog();
    /// Models ▸ Retrain…: fine-tunes a segmentation model on an nnU-Net export.
    void showRetrainDialog();

    widgets::ModelResultPanel* resultPanel() const { return m_panel; }
    QDockWidget* resultDock() const { return m_dock; }
    widgets::ImagingModelRun* imagingRun() const { return m_imagingRun; }
    widgets::ModelRunStatus* ecgStatus() const { return m_ecgStatus; }

private:
    void showResult(const widgets::ModelRunController* controller,
                    const inference::InferenceResult& result);
    void showFrame(int frame);

    QMainWindow* m_window;
    QTabWidget* m_tabs;
    widgets::EcgWorkspace* m_ecg;
    widgets::ImagingWorkspace* m_imaging;
    widgets::ImagingModelRun* m_imagingRun;
    widgets::ModelResultPanel* m_panel;
    QDockWidget* m_dock;
    widgets::ModelRunStatus* m_ecgStatus;
    widgets::ModelRunStatus* m_imagingStatus;
};

} // namespace cardiolens::app
