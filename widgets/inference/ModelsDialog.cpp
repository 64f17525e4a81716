#include "inference/ModelsDialog.h"

#include "inference/ModelRegistry.h"
#include "inference/ModelRunController.h"

#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QTextBrowser>
#include <QThread>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace cardiolens::widgets {

using namespace cardiolens::inference;

namespace {
QString shapeText(const std::vector<std::int64_t>& shape) {
    QStringList parts;
    for (std::int64_t d : shape)
        parts << QString::number(d);
    return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
}
} // namespace

ModelsDialog::ModelsDialog(QWidget* parent)
    : QDialog(parent), m_table(new QTableWidget(0, 5, this)), m_details(new QTextBrowser(this)),
      m_problems(new QLabel(this)), m_status(new QLabel(this)),
      m_add(new QPushButton(tr("&Add model…"), this)),
      m_validate(new QPushButton(tr("&Validate"), this)), m_threads(new QSpinBox(this)) {
    setWindowTitle(tr("Models"));
    m_table->setHorizontalHeaderLabels(
        {tr("Name"), tr("Version"), tr("Task"), tr("Source"), tr("Licence")});
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_problems->setWordWrap(true);
    m_problems->setStyleSheet(QStringLiteral("color: #b02020"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* folder = new QPushButton(tr("Open models &folder"), this);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_add, QDialogButtonBox::ActionRole);
    buttons->addButton(m_validate, QDialogButtonBox::ActionRole);
    buttons->addButton(folder, QDialogButtonBox::ActionRole);

    // libtorch threads per run: more is faster on an idle workstation, fewer leaves cores
    // to the viewer.
    m_threads->setRange(1, std::max(1, QThread::idealThreadCount()));
    m_threads->setValue(ModelRunController::threadCount());
    connect(m_threads, &QSpinBox::valueChanged, this, &ModelRunController::setThreadCount);
    auto* threadsRow = new QHBoxLayout;
    threadsRow->addWidget(new QLabel(tr("Threads per model run:"), this));
    threadsRow->addWidget(m_threads);
    threadsRow->addStretch(1);

    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(m_details);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(split, 1);
    layout->addWidget(m_problems);
    layout->addWidget(m_status);
    layout->addLayout(threadsRow);
    layout->addWidget(buttons);
    resize(820, 560);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_add, &QPushButton::clicked, this, &ModelsDialog::askForModel);
    connect(m_validate, &QPushButton::clicked, this, &ModelsDialog::validateSelected);
    connect(folder, &QPushButton::clicked, this, [] {
        QDir().mkpath(ModelRegistry::userDir());
        QDesktopServices::openUrl(QUrl::fromLocalFile(ModelRegistry::userDir()));
    });
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &ModelsDialog::showDetails);
    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, &ModelsDialog::onWorkFinished);
    refresh();
}

ModelsDialog::~ModelsDialog() {
    m_watcher.waitForFinished(); // The worker only touches its own copies; let it end.
}

QString ModelsDialog::statusText() const {
    return m_status->text();
}

QString ModelsDialog::problemsText() const {
    return m_problems->text();
}

int ModelsDialog::rowOf(const QString& id) const {
    for (int r = 0; r < m_table->rowCount(); ++r)
        if (m_table->item(r, 0)->data(Qt::UserRole).toString() == id)
            return r;
    return -1;
}

void ModelsDialog::refresh() {
    const QString selected =
        m_table->currentRow() >= 0
            ? m_table->item(m_table->currentRow(), 0)->data(Qt::UserRole).toString()
            : QString();
    const ModelRegistry registry = ModelRegistry::scan();
    m_table->setRowCount(0);
    for (const RegisteredModel& r : registry.models()) {
        const ModelManifest& m = r.manifest;
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        const QStringList cells = {
            m.name, m.version, taskName(m.task),
            r.source == QLatin1String("bundled") ? tr("bundled") : tr("user"), m.licence};
        for (int c = 0; c < cells.size(); ++c)
            m_table->setItem(row, c, new QTableWidgetItem(cells[c]));
        m_table->item(row, 0)->setData(Qt::UserRole, m.id());
        m_table->item(row, 0)->setData(Qt::UserRole + 1, m.manifestPath);
        m_table->item(row, 4)->setToolTip(m.licence);
    }
    m_table->resizeColumnsToContents();
    QStringList problems;
    for (const Error& e : registry.problems())
        problems << e.describe().toHtmlEscaped();
    m_problems->setText(problems.isEmpty()
                            ? QString()
                            : tr("Not loaded:<br>%1").arg(problems.join(QStringLiteral("<br>"))));
    m_problems->setVisible(!problems.isEmpty());
    const int row = rowOf(selected);
    m_table->selectRow(row >= 0 ? row : 0);
    m_validate->setEnabled(m_table->rowCount() > 0 && !isBusy());
}

void ModelsDialog::showDetails() {
    const int row = m_table->currentRow();
    if (row < 0) {
        m_details->clear();
        return;
    }
    auto m = ModelManifest::read(m_table->item(row, 0)->data(Qt::UserRole + 1).toString());
    if (!m) {
        m_details->setPlainText(m.error().describe());
        return;
    }
    QStringList labels;
    for (const OutputLabel& l : m->labels)
        labels << (l.code.isEmpty() ? l.name : QStringLiteral("%1 (%2)").arg(l.name, l.code));
    QString html = QStringLiteral("<h3>%1</h3><p>%2</p>")
                       .arg(m->id().toHtmlEscaped(), m->description.toHtmlEscaped());
    const auto line = [&html](const QString& key, const QString& value) {
        if (!value.isEmpty())
            html += QStringLiteral("<p><b>%1:</b> %2</p>").arg(key, value.toHtmlEscaped());
    };
    // -1 in a shape is a free axis (batch, or record length).
    line(tr("Input"),
         m->isEcg() ? tr("shape %1, leads %2 at %3 Hz")
                          .arg(shapeText(m->input.shape), m->input.leads.join(QStringLiteral(", ")))
                          .arg(m->input.samplingRateHz)
                    : tr("shape %1, frames resized to %2 × %3")
                          .arg(shapeText(m->input.shape))
                          .arg(m->input.width)
                          .arg(m->input.height));
    line(tr("Outputs"), labels.join(QStringLiteral(", ")));
    line(tr("Uncertainty"), uncertaintyMethodName(m->uncertainty));
    line(tr("Training data"), m->trainingData);
    line(tr("Licence"), m->licence);
    line(tr("Model file"), m->modelPath);
    if (!m->metrics.isEmpty())
        html += QStringLiteral("<p><b>%1:</b></p><pre>%2</pre>")
                    .arg(tr("Validation figures"),
                         QString::fromUtf8(QJsonDocument(m->metrics).toJson()).toHtmlEscaped());
    m_details->setHtml(html);
}

void ModelsDialog::askForModel() {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Add model"), QString(),
        tr("Model manifest (manifest.json);;TorchScript model (*.pt *.pth *.ts);;All files (*)"));
    if (!path.isEmpty())
        addModel(path);
}

void ModelsDialog::addModel(const QString& path) {
    m_changesModels = true;
    startWork(tr("Validating %1…").arg(QDir::toNativeSeparators(path)), [path] {
        ModelRegistry registry = ModelRegistry::scan();
        auto added = registry.add(path, true);
        if (!added)
            return Outcome{false, added.error().describe()};
        return Outcome{true, tr("Added %1: it loads and runs on an input of shape %2.")
                                 .arg(added->id(), shapeText(added->concreteInputShape()))};
    });
}

void ModelsDialog::validateSelected() {
    const int row = m_table->currentRow();
    if (row < 0)
        return;
    const QString manifestPath = m_table->item(row, 0)->data(Qt::UserRole + 1).toString();
    m_changesModels = false;
    startWork(tr("Validating %1…").arg(m_table->item(row, 0)->data(Qt::UserRole).toString()),
              [manifestPath] {
                  auto m = ModelManifest::read(manifestPath);
                  if (!m)
                      return Outcome{false, m.error().describe()};
                  auto report = ModelRegistry::validate(*m);
                  if (!report)
                      return Outcome{false, report.error().describe()};
                  return Outcome{true, tr("%1 is valid: input %2 gives output %3 in %4 ms.")
                                           .arg(report->modelId, shapeText(report->inputShape),
                                                shapeText(report->outputShape))
                                           .arg(report->forwardMs, 0, 'f', 1)};
              });
}

void ModelsDialog::startWork(const QString& busyText, std::function<Outcome()> work) {
    if (isBusy())
        return;
    m_status->setStyleSheet(QString());
    m_status->setText(busyText);
    m_add->setEnabled(false);
    m_validate->setEnabled(false);
    m_watcher.setFuture(QtConcurrent::run(std::move(work)));
}

void ModelsDialog::onWorkFinished() {
    const Outcome outcome = m_watcher.result();
    m_status->setStyleSheet(outcome.ok ? QString() : QStringLiteral("color: #b02020"));
    m_status->setText(outcome.message);
    m_add->setEnabled(true);
    if (outcome.ok && m_changesModels) {
        refresh();
        Q_EMIT modelsChanged();
    }
    m_validate->setEnabled(m_table->rowCount() > 0);
    Q_EMIT workFinished(outcome.ok, outcome.message);
}

} // namespace cardiolens::widgets
