#pragma once

#include <QDialog>
#include <QFutureWatcher>

class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTextBrowser;

namespace cardiolens::widgets {

/// Models ▸ Manage models: the registered models (bundled, user folder) with their manifest
/// facts and validation figures, folders whose manifest is broken, "Add model…" (validates
/// the TorchScript file with a test forward of the declared shape and installs it into the
/// user models folder) and "Validate". Loading and the test forward run in the background.
class ModelsDialog : public QDialog {
    Q_OBJECT
public:
    explicit ModelsDialog(QWidget* parent = nullptr);
    ~ModelsDialog() override;

    /// Validates \a path (model folder, manifest.json or .pt with a manifest beside it) and
    /// installs it; the outcome appears in statusText() and the table.
    void addModel(const QString& path);
    /// Loads the selected model and runs one forward on zeros of its declared input shape.
    void validateSelected();
    void refresh();

    bool isBusy() const { return m_watcher.isRunning(); }
    QTableWidget* table() const { return m_table; }
    QSpinBox* threadsBox() const { return m_threads; }
    QString statusText() const;
    /// Model folders that could not be read, with the reasons.
    QString problemsText() const;
    /// Row of model \a id ("name@version"), -1 if absent.
    int rowOf(const QString& id) const;

Q_SIGNALS:
    void modelsChanged();
    void workFinished(bool ok, const QString& message);

private:
    struct Outcome {
        bool ok = false;
        QString message;
    };
    void askForModel();
    void showDetails();
    void startWork(const QString& busyText, std::function<Outcome()> work);
    void onWorkFinished();

    QTableWidget* m_table;
    QTextBrowser* m_details;
    QLabel* m_problems;
    QLabel* m_status;
    QPushButton* m_add;
    QPushButton* m_validate;
    QSpinBox* m_threads;
    QFutureWatcher<Outcome> m_watcher;
    bool m_changesModels = false;
};

} // namespace cardiolens::widgets
