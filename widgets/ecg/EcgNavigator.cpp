#include "ecg/EcgNavigator.h"

#include "plot/QCustomPlotInclude.h"
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace cardiolens::widgets {

EcgNavigator::EcgNavigator(QWidget* parent) : QWidget(parent) {
    m_plot = new QCustomPlot(this);
    m_plot->setMinimumHeight(110);
    m_plot->setMaximumHeight(140);
    m_plot->setInteractions({});
    m_plot->axisRect()->setAutoMargins(QCP::msLeft | QCP::msRight | QCP::msBottom);
    m_plot->axisRect()->setMargins(QMargins(0, 4, 0, 0));

    m_max = m_plot->addGraph();
    m_min = m_plot->addGraph();
    const QColor envelope(60, 60, 80);
    m_max->setPen(QPen(envelope, 1));
    m_min->setPen(QPen(envelope, 1));
    m_max->setBrush(QColor(60, 60, 80, 90));
    m_max->setChannelFillGraph(m_min);
    m_plot->yAxis->setLabel(QStringLiteral("mV"));
    m_plot->yAxis->setTickLabels(false);

    m_plot->yAxis2->setVisible(true);
    m_plot->yAxis2->setLabel(tr("HR (bpm)"));
    m_hr = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis2);
    m_hr->setPen(QPen(QColor(200, 40, 40), 1));
    m_hr->setLineStyle(QCPGraph::lsNone);
    m_hr->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 2));
    m_hr->setAdaptiveSampling(true);

    auto ticker = QSharedPointer<QCPAxisTickerTime>::create();
    ticker->setTimeFormat(QStringLiteral("%h:%m:%s"));
    m_plot->xAxis->setTicker(ticker);

    m_window = new QCPItemRect(m_plot);
    m_window->setPen(QPen(QColor(0, 90, 200), 1.5));
    m_window->setBrush(QColor(0, 120, 255, 40));
    m_window->topLeft->setTypeY(QCPItemPosition::ptAxisRectRatio);
    m_window->bottomRight->setTypeY(QCPItemPosition::ptAxisRectRatio);

    connect(m_plot, &QCustomPlot::mousePress, this, &EcgNavigator::onMouse);
    connect(m_plot, &QCustomPlot::mouseMove, this, [this](QMouseEvent* e) {
        if (e->buttons() & Qt::LeftButton)
            onMouse(e);
    });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
}

void EcgNavigator::clear() {
    m_max->data()->clear();
    m_min->data()->clear();
    m_hr->data()->clear();
    m_plot->replot();
}

void EcgNavigator::setDuration(double seconds) {
    m_duration = seconds;
    m_plot->xAxis->setRange(0, std::max(1.0, seconds));
    m_plot->replot();
}

void EcgNavigator::setEnvelope(const std::vector<float>& mins, const std::vector<float>& maxs,
                               const QString& leadName) {
    const int n = int(std::min(mins.size(), maxs.size()));
    QVector<double> t(n), lo(n), hi(n);
    double yMin = INFINITY, yMax = -INFINITY;
    for (int i = 0; i < n; ++i) {
        t[i] = (i + 0.5) * m_duration / std::max(1, n);
        lo[i] = std::isnan(mins[std::size_t(i)]) ? qQNaN() : mins[std::size_t(i)];
        hi[i] = std::isnan(maxs[std::size_t(i)]) ? qQNaN() : maxs[std::size_t(i)];
        if (!std::isnan(lo[i])) {
            yMin = std::min(yMin, lo[i]);
            yMax = std::max(yMax, hi[i]);
        }
    }
    m_max->setData(t, hi, true);
    m_min->setData(t, lo, true);
    if (yMin < yMax)
        m_plot->yAxis->setRange(yMin, yMax);
    m_plot->yAxis->setLabel(leadName);
    m_plot->replot();
}

void EcgNavigator::setHeartRate(const std::vector<double>& times, const std::vector<double>& bpm) {
    QVector<double> t(times.begin(), times.end()), v(bpm.begin(), bpm.end());
    m_hr->setData(t, v, true);
    m_plot->yAxis2->setRange(30, 180);
    m_plot->replot();
}

void EcgNavigator::setWindow(double startSeconds, double lengthSeconds) {
    // Keep the marker visible even when the window is a sliver of a 24-h record.
    const double minWidth = m_duration / 400.0;
    const double centre = startSeconds + lengthSeconds / 2;
    const double half = std::max(lengthSeconds, minWidth) / 2;
    m_window->topLeft->setCoords(centre - half, 0.0);
    m_window->bottomRight->setCoords(centre + half, 1.0);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void EcgNavigator::onMouse(QMouseEvent* e) {
    const double t = m_plot->xAxis->pixelToCoord(e->position().x());
    Q_EMIT timeRequested(std::clamp(t, 0.0, m_duration));
}

} // namespace cardiolens::widgets
