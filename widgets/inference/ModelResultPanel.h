#pragma once

#include "inference/InferenceResult.h"

#include <QJsonObject>
#include <QWidget>

class QCustomPlot;
class QCPItemStraightLine;
class QLabel;
class QTableWidget;
class QVBoxLayout;

namespace cardiolens::widgets {

/// The probability panel: what the last model run found, for any task. Record classifiers
/// show each label's probability (bars, thresholds) and its course over the record's
/// windows; beat classifiers their class counts; delineation its waves; segmentation the
/// mean label volumes and the per-frame uncertainty. Below: the case's uncertainty and its
/// rank among the cases the same model version scored before (the active-learning view).
class ModelResultPanel : public QWidget {
    Q_OBJECT
public:
    explicit ModelResultPanel(QWidget* parent = nullptr);

    /// \a cachedScores: case path -> uncertainty of every case this model version scored.
    void showResult(const inference::InferenceResult& result, const QJsonObject& cachedScores = {});
    void clear();
    /// A failed or cancelled run: the reason stays visible (the status bar forgets it).
    void showError(const QString& modelId, const QString& message);
    /// The case of the result shown (empty when none).
    QString casePath() const { return m_casePath; }

    QTableWidget* table() const { return m_table; }
    QCustomPlot* plot() const { return m_plot; }
    QString headline() const;
    QString uncertaintyText() const;
    QString detailsText() const;
    /// Marks \a seconds (the ECG page centre) on the window-probability plot.
    void setTimeCursor(double seconds);

Q_SIGNALS:
    /// A click on the window-probability plot: record time in seconds.
    void timeRequested(double seconds);
    /// A click on the per-frame uncertainty plot: frame index (phase * slices + slice).
    void frameRequested(int frame);

private:
    void addRow(const QString& name, const QString& value, double fraction, bool highlight);
    void fillRecordClassification(const inference::InferenceResult& r);
    void fillCounts(const QJsonObject& counts);
    void fillAnnotationCounts(const inference::InferenceResult& r);
    void fillSegmentation(const inference::InferenceResult& r);
    void plotWindows(const inference::InferenceResult& r);
    void plotFrameUncertainty(const inference::InferenceResult& r);
    void plotBeatUncertainty(const inference::InferenceResult& r);
    void addLevelLine(double y, const QColor& colour);
    void showTimePlot();
    void showPlot();
    void onPlotClicked(QMouseEvent* event);

    QLabel* m_title;
    QLabel* m_summary;
    QLabel* m_uncertainty;
    QTableWidget* m_table;
    QCustomPlot* m_plot;
    QLabel* m_details;
    bool m_plotIsTime = false;
    QString m_casePath;
    QCPItemStraightLine* m_cursor = nullptr;
    QVBoxLayout* m_layout = nullptr;
};

} // namespace cardiolens::widgets
