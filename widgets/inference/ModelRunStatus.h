#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace cardiolens::widgets {

class ModelRunController;

/// Status-bar strip for one ModelRunController: the model and stage, a progress bar and a
/// Cancel button while a run is active; hidden otherwise.
class ModelRunStatus : public QWidget {
    Q_OBJECT
public:
    explicit ModelRunStatus(ModelRunController* controller, QWidget* parent = nullptr);

    QProgressBar* progressBar() const { return m_bar; }
    QToolButton* cancelButton() const { return m_cancel; }
    QString text() const;

private:
    void onStarted(const QString& modelId);
    void onProgress(double fraction, const QString& stage);
    void onEnded();

    ModelRunController* m_controller;
    QLabel* m_label;
    QProgressBar* m_bar;
    QToolButton* m_cancel;
};

} // namespace cardiolens::widgets
