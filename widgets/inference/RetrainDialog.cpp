#include "inference/RetrainDialog.h"

#include "export/RetrainProcess.h"
#include "inference/ModelRegistry.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace cardiolens::widgets {

RetrainDialog::RetrainDialog(QWidget* parent)
    : QDialog(parent), m_job(new exports::RetrainProcess(this)), m_export(new QLineEdit(this)),
      m_model(new QComboBox(this)), m_epochs(new QSpinBox(this)), m_seed(new QSpinBox(this)),
      m_target(new QLabel(this)), m_progress(new QProgressBar(this)), m_status(new QLabel(this)),
      m_log(new QPlainTextEdit(this)), m_start(new QPushButton(tr("&Start"), this)),
      m_cancel(new QPushButton(tr("Cancel run"), this)) {
    setWindowTitle(tr("Retrain a model"));
    setObjectName(QStringLiteral("retrainDialog"));
    m_export->setPlaceholderText(tr("nnU-Net export (DatasetNNN_Name folder)"));
    m_browse = new QPushButton(tr("Browse…"), this);
    QPushButton* browse = m_browse;
    auto* exportRow = new QHBoxLayout;
    exportRow->addWidget(m_export, 1);
    exportRow->addWidget(browse);
    m_epochs->setRange(1, 500);
    m_epochs->setValue(5);
    m_seed->setRange(0, 1 << 30);
    m_seed->setValue(1234);
    m_target->setText(inference::ModelRegistry::userDir());
    m_target->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_status->setWordWrap(true);
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(500);
    m_log->setMinimumHeight(120);

    auto* form = new QFormLayout;
    form->addRow(tr("Labels (export):"), exportRow);
    form->addRow(tr("Model to fine-tune:"), m_model);
    form->addRow(tr("Epochs:"), m_epochs);
    form->addRow(tr("Seed:"), m_seed);
    form->addRow(tr("New version goes to:"), m_target);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_start, QDialogButtonBox::ActionRole);
    buttons->addButton(m_cancel, QDialogButtonBox::ActionRole);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(m_log, 1);
    layout->addWidget(buttons);
    resize(640, 420);
    populateModels();
    setRunning(false);

    connect(browse, &QPushButton::clicked, this, &RetrainDialog::chooseExport);
    connect(m_start, &QPushButton::clicked, this, &RetrainDialog::start);
    connect(m_cancel, &QPushButton::clicked, this, &RetrainDialog::cancel);
    connect(buttons, &QDialogButtonBox::rejected, this, &RetrainDialog::reject);
    connect(m_job, &exports::RetrainProcess::progress, this, [this](double f, const QString& text) {
        m_progress->setValue(int(f * 1000));
        m_status->setText(text);
    });
    connect(m_job, &exports::RetrainProcess::finished, this, [this](const QJsonObject& r) {
        const QString id = r.value(QStringLiteral("id")).toString();
        end(true, tr("New model %1: %2 training samples from %3 cases, %4 s. It is listed under "
                     "Models ▸ Manage models and used by name from now on.")
                      .arg(id)
                      .arg(r.value(QStringLiteral("training_samples")).toInt())
                      .arg(r.value(QStringLiteral("training_cases")).toInt())
                      .arg(r.value(QStringLiteral("training_seconds")).toDouble()));
        Q_EMIT modelAdded(id);
    });
    connect(m_job, &exports::RetrainProcess::failed, this,
            [this](const QString& message) { end(false, message); });
    connect(m_job, &exports::RetrainProcess::cancelled, this,
            [this] { end(false, tr("Cancelled; no model was written.")); });
}

RetrainDialog::~RetrainDialog() = default;

void RetrainDialog::populateModels() {
    m_model->clear();
    const inference::ModelRegistry registry = inference::ModelRegistry::scan();
    for (const auto& r : registry.models())
        if (r.manifest.task == inference::ModelTask::Segmentation2d)
            m_model->addItem(r.manifest.id(), QFileInfo(r.manifest.manifestPath).absolutePath());
}

void RetrainDialog::chooseExport() {
    const QString dir =
        QFileDialog::getExistingDirectory(this, tr("nnU-Net export folder"), m_export->text());
    if (!dir.isEmpty())
        setExportDir(dir);
}

void RetrainDialog::setExportDir(const QString& dir) {
    m_export->setText(dir);
}
void RetrainDialog::setEpochs(int epochs) {
    m_epochs->setValue(epochs);
}
bool RetrainDialog::isRunning() const {
    return m_job->isRunning();
}
QString RetrainDialog::statusText() const {
    return m_status->text();
}

void RetrainDialog::setRunning(bool running) {
    m_start->setEnabled(!running);
    m_cancel->setEnabled(running);
    m_export->setEnabled(!running);
    m_browse->setEnabled(!running);
    m_model->setEnabled(!running);
    m_epochs->setEnabled(!running);
    m_seed->setEnabled(!running);
}

void RetrainDialog::start() {
    if (m_export->text().trimmed().isEmpty()) {
        end(false, tr("Choose an nnU-Net export first (File ▸ Export, format nnU-Net)."));
        return;
    }
    if (m_model->currentIndex() < 0) {
        end(false, tr("No segmentation model is registered to fine-tune."));
        return;
    }
    m_log->clear();
    m_progress->setValue(0);
    m_status->setText(tr("Starting Python…"));
    setRunning(true);
    m_job->start({m_export->text().trimmed(), m_model->currentData().toString(),
                  inference::ModelRegistry::userDir(), m_epochs->value(), m_seed->value(), 1});
}

void RetrainDialog::cancel() {
    m_status->setText(tr("Cancelling…"));
    m_job->cancel();
}

void RetrainDialog::end(bool ok, const QString& message) {
    setRunning(false);
    m_status->setText(message);
    for (const QString& line : m_job->log())
        m_log->appendPlainText(line);
    if (ok)
        populateModels();
    Q_EMIT runEnded(ok, message);
}

void RetrainDialog::reject() {
    if (m_job->isRunning())
        m_job->cancel(); // Closing never leaves a training run behind.
    QDialog::reject();
}

} // namespace cardiolens::widgets
