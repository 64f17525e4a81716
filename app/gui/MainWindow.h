#pragma once

#include <QMainWindow>

class QMenu;
class QTabWidget;

namespace cardiolens::widgets {
class EcgWorkspace;
class ImagingWorkspace;
} // namespace cardiolens::widgets

namespace cardiolens::app {

class InferenceUi;
class RecentFiles;

/// The application shell: menus, the ECG and imaging workspaces as tabs, a status bar,
/// drag-and-drop. It routes files to workspaces and holds no domain logic itself.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Opens a file in the workspace that handles its kind. Returns false (and reports
    /// why in the status bar and, when interactive, a message box) if it cannot.
    bool openFile(const QString& path);

    widgets::EcgWorkspace* ecgWorkspace() const { return m_ecg; }
    widgets::ImagingWorkspace* imagingWorkspace() const { return m_imaging; }
    QTabWidget* tabs() const { return m_tabs; }
    InferenceUi* inference() const { return m_inference; }
    QString lastError() const { return m_lastError; }

    /// True while a workspace still works in the background on what it shows.
    bool isBusy() const;

    /// Suppresses modal error boxes (screenshots, tests): errors go to the status bar and stderr.
    void setInteractive(bool interactive) { m_interactive = interactive; }

protected:
    void closeEvent(QCloseEvent* e) override;
    /// The label editor's questions (unsaved edits, recovery, annotator) as dialogs.
    void installEditPrompts();
    void dragEnterEvent(QDragEnterEvent* e) override;
    void dropEvent(QDropEvent* e) override;

private:
    void createMenus();
    void rebuildRecentMenu();
    void showOpenDialog();
    void showAbout();
    void reportError(const QString& message);
    void restoreWindowState();

    QTabWidget* m_tabs = nullptr;
    widgets::EcgWorkspace* m_ecg = nullptr;
    widgets::ImagingWorkspace* m_imaging = nullptr;
    RecentFiles* m_recent = nullptr;
    InferenceUi* m_inference = nullptr;
    QMenu* m_recentMenu = nullptr;
    QString m_lastError;
    bool m_interactive = true;
};

} // namespace cardiolens::app
