#pragma once

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace cardiolens::exports {
class RetrainProcess;
}

namespace cardiolens::widgets {

/// Models ▸ Retrain…: fine-tunes a segmentation model on an nnU-Net export (File ▸ Export or
/// `cardiolens-cli export --format nnunet`) in the background with tools/train's script, with
/// progress and cancel; the new version goes into the user models folder, where the registry
/// finds it. When Python, torch or numpy is missing, the dialog says exactly which.
class RetrainDialog : public QDialog {
    Q_OBJECT
public:
    explicit RetrainDialog(QWidget* parent = nullptr);
    ~RetrainDialog() override;

    void setExportDir(const QString& dir);
    void setEpochs(int epochs);
    void start();
    void cancel();
    bool isRunning() const;
    QString statusText() const;
    QProgressBar* progressBar() const { return m_progress; }

Q_SIGNALS:
    /// A new model version was written (\a id = "name@version").
    void modelAdded(const QString& id);
    void runEnded(bool ok, const QString& message);

protected:
    void reject() override;

private:
    void chooseExport();
    void populateModels();
    void setRunning(bool running);
    void end(bool ok, const QString& message);

    exports::RetrainProcess* m_job;
    QLineEdit* m_export;
    QPushButton* m_browse = nullptr;
    QComboBox* m_model;
    QSpinBox* m_epochs;
    QSpinBox* m_seed;
    QLabel* m_target;
    QProgressBar* m_progress;
    QLabel* m_status;
    QPlainTextEdit* m_log;
    QPushButton* m_start;
    QPushButton* m_cancel;
};

} // namespace cardiolens::widgets
