#include "labels/ExportDialog.h"

#include "export/Exporter.h"
#include "labels/StoreLocation.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace cardiolens::widgets {

using exports::ExportFormat;

namespace {
QHBoxLayout* withBrowse(QWidget* parent, QLineEdit* edit, const std::function<void()>& browse) {
    auto* row = new QHBoxLayout;
    auto* button = new QPushButton(QObject::tr("Browse…"), parent);
    QObject::connect(button, &QPushButton::clicked, parent, browse);
    row->addWidget(edit, 1);
    row->addWidget(button);
    return row;
}
} // namespace

ExportDialog::ExportDialog(QWidget* parent)
    : QDialog(parent), m_source(new QLineEdit(this)), m_out(new QLineEdit(this)),
      m_format(new QComboBox(this)), m_convention(new QComboBox(this)),
      m_accepted(new QCheckBox(tr("accepted"), this)),
      m_submitted(new QCheckBox(tr("submitted"), this)),
      m_inProgress(new QCheckBox(tr("in progress"), this)),
      m_3d(new QCheckBox(tr("One 3-D case per phase (instead of one 2-D case per frame)"), this)),
      m_ignore(new QCheckBox(tr("\"ignore\" label around partly labelled frames"), this)),
      m_annotator(new QLineEdit(QStringLiteral("cl"), this)), m_status(new QLabel(this)),
      m_export(new QPushButton(tr("&Export"), this)) {
    setWindowTitle(tr("Export labels"));
    setObjectName(QStringLiteral("exportDialog"));
    m_source->setText(labels::StoreLocation::defaultSqlitePath());
    m_format->addItem(tr("nnU-Net v2 raw dataset"), int(ExportFormat::Nnunet));
    m_format->addItem(tr("MONAI datalist + MSD dataset.json"), int(ExportFormat::Monai));
    m_format->addItem(tr("WFDB annotations (beats + rhythm)"), int(ExportFormat::Wfdb));
    m_format->addItem(tr("PTB-XL CSV (record labels)"), int(ExportFormat::PtbXl));
    m_format->addItem(tr("CinC 2017 REFERENCE.csv"), int(ExportFormat::Cinc2017));
    for (auto c : {imaging::LabelConvention::Internal, imaging::LabelConvention::Acdc,
                   imaging::LabelConvention::Mnms, imaging::LabelConvention::Camus,
                   imaging::LabelConvention::EchoNet})
        m_convention->addItem(imaging::labelConventionName(c), int(c));
    m_accepted->setChecked(true);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* states = new QHBoxLayout;
    for (QCheckBox* c : {m_accepted, m_submitted, m_inProgress})
        states->addWidget(c);
    states->addStretch(1);
    auto* form = new QFormLayout;
    form->addRow(tr("Labels from:"), withBrowse(this, m_source, [this] {
                     const QString f = QFileDialog::getOpenFileName(
                         this, tr("Label store"), m_source->text(), tr("Label store (*.sqlite)"));
                     if (!f.isEmpty())
                         setSource(f);
                 }));
    form->addRow(tr("Format:"), m_format);
    form->addRow(tr("Review states:"), states);
    form->addRow(tr("Label numbering:"), m_convention);
    form->addRow(QString(), m_3d);
    form->addRow(QString(), m_ignore);
    form->addRow(tr("WFDB annotator:"), m_annotator);
    form->addRow(tr("Output folder:"), withBrowse(this, m_out, [this] {
                     const QString d = QFileDialog::getExistingDirectory(this, tr("Output folder"),
                                                                         m_out->text());
                     if (!d.isEmpty())
                         setOutDir(d);
                 }));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_export, QDialogButtonBox::ActionRole);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_status, 1);
    layout->addWidget(buttons);
    resize(620, 380);
    updateForFormat();

    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::updateForFormat);
    connect(m_export, &QPushButton::clicked, this, &ExportDialog::startExport);
    connect(buttons, &QDialogButtonBox::rejected, this, &ExportDialog::reject);
    connect(&m_watcher, &QFutureWatcher<Result<exports::ExportSummary>>::finished, this,
            &ExportDialog::finish);
}

ExportDialog::~ExportDialog() {
    m_watcher.waitForFinished();
}

void ExportDialog::setSource(const QString& s) {
    m_source->setText(s);
}
void ExportDialog::setOutDir(const QString& d) {
    m_out->setText(d);
}
QString ExportDialog::statusText() const {
    return m_status->text();
}

void ExportDialog::updateForFormat() {
    const auto f = ExportFormat(m_format->currentData().toInt());
    const bool images = f == ExportFormat::Nnunet || f == ExportFormat::Monai;
    m_convention->setEnabled(images);
    m_3d->setEnabled(images);
    m_ignore->setEnabled(images);
    m_annotator->setEnabled(f == ExportFormat::Wfdb);
}

exports::ExportOptions ExportDialog::options() const {
    exports::ExportOptions o;
    o.format = ExportFormat(m_format->currentData().toInt());
    o.outDir = m_out->text().trimmed();
    o.states.clear();
    if (m_accepted->isChecked())
        o.states.push_back(labels::ReviewState::Accepted);
    if (m_submitted->isChecked())
        o.states.push_back(labels::ReviewState::Submitted);
    if (m_inProgress->isChecked())
        o.states.push_back(labels::ReviewState::InProgress);
    o.convention = imaging::LabelConvention(m_convention->currentData().toInt());
    o.perPhase3d = m_3d->isChecked();
    o.ignoreLabel = m_ignore->isChecked();
    o.annotator = m_annotator->text().trimmed();
    return o;
}

void ExportDialog::startExport() {
    if (isBusy())
        return;
    const exports::ExportOptions o = options();
    if (auto v = o.validate(); !v) {
        m_status->setText(v.error().message);
        Q_EMIT exportFinished(false, v.error().message);
        return;
    }
    m_export->setEnabled(false);
    m_status->setText(tr("Exporting…"));
    const QString source = m_source->text().trimmed();
    // The store is opened in the worker thread: a store object belongs to one thread.
    m_watcher.setFuture(
        QtConcurrent::run([source, o] { return exports::Exporter::run(source, o); }));
}

void ExportDialog::finish() {
    m_export->setEnabled(true);
    const Result<exports::ExportSummary> r = m_watcher.result();
    if (!r) {
        m_status->setText(r.error().describe());
        Q_EMIT exportFinished(false, r.error().describe());
        return;
    }
    m_lastTarget = r->target;
    QString text = tr("Exported %1 label revisions as %2 cases to %3 (provenance: %4).")
                       .arg(r->labels)
                       .arg(r->cases)
                       .arg(r->target, r->provenance);
    if (!r->warnings.isEmpty())
        text += QLatin1Char('\n') + tr("Warnings:") + QLatin1Char('\n') +
                r->warnings.mid(0, 5).join(QLatin1Char('\n'));
    m_status->setText(text);
    Q_EMIT exportFinished(true, text);
}

} // namespace cardiolens::widgets
