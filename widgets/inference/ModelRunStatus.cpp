#include "inference/ModelRunStatus.h"

#include "inference/ModelRunController.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

namespace cardiolens::widgets {

ModelRunStatus::ModelRunStatus(ModelRunController* controller, QWidget* parent)
    : QWidget(parent), m_controller(controller), m_label(new QLabel(this)),
      m_bar(new QProgressBar(this)), m_cancel(new QToolButton(this)) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    m_bar->setRange(0, 1000);
    m_bar->setFixedWidth(160);
    m_bar->setTextVisible(false);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop the model run (Ctrl+.)"));
    setVisible(false);

    connect(m_cancel, &QToolButton::clicked, controller, &ModelRunController::cancel);
    connect(controller, &ModelRunController::started, this, &ModelRunStatus::onStarted);
    connect(controller, &ModelRunController::progressed, this, &ModelRunStatus::onProgress);
    connect(controller, &ModelRunController::finished, this, &ModelRunStatus::onEnded);
    connect(controller, &ModelRunController::failed, this, &ModelRunStatus::onEnded);
}

QString ModelRunStatus::text() const {
    return m_label->text();
}

void ModelRunStatus::onStarted(const QString& modelId) {
    m_label->setText(tr("%1: starting").arg(modelId));
    m_bar->setValue(0);
    m_cancel->setEnabled(true);
    setVisible(true);
}

void ModelRunStatus::onProgress(double fraction, const QString& stage) {
    if (!m_controller->isRunning())
        return; // A late report from a job that already ended.
    m_label->setText(tr("%1: %2").arg(m_controller->modelId(), stage));
    m_bar->setValue(int(fraction * 1000));
}

void ModelRunStatus::onEnded() {
    // "A model is already running" also arrives as failed(): keep showing that run.
    setVisible(m_controller->isRunning());
}

} // namespace cardiolens::widgets
