#pragma once

#include "imaging/CineMetrics.h"

#include <QWidget>

#include <optional>

class QCustomPlot;
class QCPItemStraightLine;
class QLabel;

namespace cardiolens::widgets {

/// LV (and RV) blood-pool volume per labelled cine frame, ED and ES marked, and the
/// clinical numbers (EDV, ESV, SV, EF, myocardial mass) from the imaging core.
class CineMetricsPanel : public QWidget {
    Q_OBJECT
public:
    explicit CineMetricsPanel(QWidget* parent = nullptr);

    /// Computes and shows the metrics of \a labels; clears the panel on null or failure.
    void setLabels(const imaging::LabelCine* labels, const imaging::CineMetricsOptions& options,
                   int phases);
    /// Moves the marker of the shown phase.
    void setCurrentPhase(int phase);
    const std::optional<imaging::CineMetrics>& metrics() const { return m_metrics; }
    QString summaryText() const;

private:
    QCustomPlot* m_plot = nullptr;
    QCPItemStraightLine* m_cursor = nullptr;
    QLabel* m_summary = nullptr;
    std::optional<imaging::CineMetrics> m_metrics;
};

} // namespace cardiolens::widgets
