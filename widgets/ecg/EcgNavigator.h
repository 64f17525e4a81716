#pragma once

#include <QWidget>

#include <vector>

class QCustomPlot;
class QCPGraph;
class QCPItemRect;

namespace cardiolens::widgets {

/// The overview under the strip: the whole record's envelope for one lead and the heart
/// rate trend, with the visible window marked. Click or drag to move the strip there.
class EcgNavigator : public QWidget {
    Q_OBJECT
public:
    explicit EcgNavigator(QWidget* parent = nullptr);

    void setDuration(double seconds);
    /// One min/max pair per column across the whole record (physical units).
    void setEnvelope(const std::vector<float>& mins, const std::vector<float>& maxs,
                     const QString& leadName);
    /// Heart rate (bpm) at beat times (s).
    void setHeartRate(const std::vector<double>& times, const std::vector<double>& bpm);
    void setWindow(double startSeconds, double lengthSeconds);
    void clear();

    QCustomPlot* plot() const { return m_plot; }

Q_SIGNALS:
    /// The user clicked or dragged to time \a seconds (the wanted centre of the window).
    void timeRequested(double seconds);

private:
    void onMouse(QMouseEvent* e);

    QCustomPlot* m_plot = nullptr;
    QCPGraph* m_max = nullptr;
    QCPGraph* m_min = nullptr;
    QCPGraph* m_hr = nullptr;
    QCPItemRect* m_window = nullptr;
    double m_duration = 0.0;
};

} // namespace cardiolens::widgets
