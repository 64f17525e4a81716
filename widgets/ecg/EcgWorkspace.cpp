#include "ecg/EcgWorkspace.h"

#include "ecg/WfdbHeader.h"

#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace cardiolens::widgets {

EcgWorkspace::EcgWorkspace(QWidget* parent) : QWidget(parent) {
    m_summary = new QLabel(
        tr("No ECG record open.\n\nUse File ▸ Open or drop a WFDB header (.hea) here."), this);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_leads = new QTableWidget(0, 5, this);
    m_leads->setHorizontalHeaderLabels(
        {tr("Lead"), tr("Units"), tr("Gain (adu/unit)"), tr("Format"), tr("File")});
    m_leads->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_leads->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_leads, 1);
}

int EcgWorkspace::leadCount() const {
    return m_leads->rowCount();
}

Result<bool> EcgWorkspace::openWfdbRecord(const QString& path) {
    const QFileInfo fi(path);
    const QString header = fi.suffix().compare(QLatin1String("hea"), Qt::CaseInsensitive) == 0
                               ? path
                               : fi.dir().filePath(fi.completeBaseName() + QStringLiteral(".hea"));
    auto parsed = ecg::WfdbHeaderParser::parseFile(header);
    if (!parsed)
        return parsed.error();
    const ecg::WfdbHeader& h = parsed.value();
    m_currentFile = header;
    m_summary->setText(tr("<b>%1</b>: %2 leads, %3 Hz, %4 s")
                           .arg(h.recordName.toHtmlEscaped())
                           .arg(h.signalCount)
                           .arg(h.samplingFrequency)
                           .arg(h.durationSeconds(), 0, 'f', 1));
    m_leads->setRowCount(int(h.signalSpecs.size()));
    for (int i = 0; i < int(h.signalSpecs.size()); ++i) {
        const auto& s = h.signalSpecs[std::size_t(i)];
        const QStringList cells{s.description, s.units, QString::number(s.adcGain),
                                QString::number(s.format), s.fileName};
        for (int c = 0; c < cells.size(); ++c)
            m_leads->setItem(i, c, new QTableWidgetItem(cells[c]));
    }
    Q_EMIT statusMessage(tr("Opened record %1").arg(h.recordName));
    return true;
}

} // namespace cardiolens::widgets
