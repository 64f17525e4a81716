#include "imaging/CineMetricsPanel.h"

#include "plot/QCustomPlotInclude.h"

#include <QHBoxLayout>
#include <QLabel>

namespace cardiolens::widgets {

using imaging::CardiacLabel;
using imaging::labelValue;

CineMetricsPanel::CineMetricsPanel(QWidget* parent) : QWidget(parent) {
    m_plot = new QCustomPlot(this);
    m_plot->setMinimumHeight(150);
    m_plot->xAxis->setLabel(tr("Cine frame"));
    m_plot->yAxis->setLabel(tr("Volume (ml)"));
    m_plot->legend->setVisible(true);
    m_plot->legend->setFont(QFont(font().family(), 8));
    m_cursor = new QCPItemStraightLine(m_plot);
    m_cursor->setPen(QPen(QColor(120, 120, 120), 1, Qt::DashLine));
    m_cursor->setVisible(false);
    m_summary = new QLabel(tr("No labels."), this);
    m_summary->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setMinimumWidth(170);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot, 1);
    layout->addWidget(m_summary);
}

void CineMetricsPanel::setLabels(const imaging::LabelCine* labels,
                                 const imaging::CineMetricsOptions& options, int phases) {
    m_plot->clearGraphs();
    m_plot->clearItems();
    m_cursor = new QCPItemStraightLine(m_plot);
    m_cursor->setPen(QPen(QColor(120, 120, 120), 1, Qt::DashLine));
    m_cursor->setVisible(false);
    m_metrics.reset();
    if (labels) {
        auto m = imaging::computeCineMetrics(*labels, options);
        if (m)
            m_metrics = std::move(*m);
        else
            m_summary->setText(m.error().message.toHtmlEscaped());
    }
    if (!m_metrics) {
        if (!labels)
            m_summary->setText(tr("No labels."));
        m_plot->replot();
        return;
    }
    const auto& mt = *m_metrics;
    const auto addCurve = [&](CardiacLabel label, const QColor& colour, const QString& name) {
        QVector<double> x, y;
        for (std::size_t i = 0; i < mt.phaseVolumesMl.size(); ++i) {
            x << mt.phaseFrames[i];
            y << mt.phaseVolumesMl[i][labelValue(label)];
        }
        QCPGraph* g = m_plot->addGraph();
        g->setName(name);
        g->setData(x, y, true);
        g->setPen(QPen(colour, 2));
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
    };
    addCurve(CardiacLabel::LvBloodPool, QColor(200, 40, 40), tr("LV"));
    if (mt.hasRv)
        addCurve(CardiacLabel::RvBloodPool, QColor(40, 90, 200), tr("RV"));
    const auto marker = [&](int frame, const QString& text, const QColor& colour) {
        auto* line = new QCPItemStraightLine(m_plot);
        line->point1->setCoords(frame, 0);
        line->point2->setCoords(frame, 1);
        line->setPen(QPen(colour, 1.5));
        auto* label = new QCPItemText(m_plot);
        label->position->setType(QCPItemPosition::ptPlotCoords);
        label->position->setCoords(frame, 0);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
        label->setText(text);
        label->setColor(colour);
    };
    marker(mt.edFrame, tr(" ED"), QColor(0, 130, 0));
    marker(mt.esFrame, tr(" ES"), QColor(170, 90, 0));
    m_plot->xAxis->setRange(-0.5, std::max(phases, 1) - 0.5);
    m_plot->yAxis->rescale();
    m_plot->yAxis->setRangeLower(0.0);
    m_plot->yAxis->setRangeUpper(m_plot->yAxis->range().upper * 1.1 + 1.0);
    m_plot->replot();
    m_summary->setText(summaryText());
}

QString CineMetricsPanel::summaryText() const {
    if (!m_metrics)
        return {};
    const auto& m = *m_metrics;
    QString s = tr("<b>LV</b><br>EDV %1 ml<br>ESV %2 ml<br>SV %3 ml<br>EF %4 %<br>Mass %5 g")
                    .arg(m.lvEdvMl, 0, 'f', 1)
                    .arg(m.lvEsvMl, 0, 'f', 1)
                    .arg(m.lvSvMl, 0, 'f', 1)
                    .arg(m.lvEfPercent, 0, 'f', 1)
                    .arg(m.lvMassG, 0, 'f', 1);
    if (m.hasRv)
        s += tr("<br><b>RV</b><br>EDV %1 ml<br>ESV %2 ml<br>EF %3 %")
                 .arg(m.rvEdvMl, 0, 'f', 1)
                 .arg(m.rvEsvMl, 0, 'f', 1)
                 .arg(m.rvEfPercent, 0, 'f', 1);
    s += tr("<br>ED frame %1, ES frame %2").arg(m.edFrame + 1).arg(m.esFrame + 1);
    return s;
}

void CineMetricsPanel::setCurrentPhase(int phase) {
    if (!m_metrics)
        return;
    m_cursor->point1->setCoords(phase, 0);
    m_cursor->point2->setCoords(phase, 1);
    m_cursor->setVisible(true);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace cardiolens::widgets
