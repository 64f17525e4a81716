#pragma once

#include "ecg/EcgStripRenderer.h"
#include "ecg/EcgViewState.h"

#include <QWidget>

#include <memory>

namespace cardiolens::widgets {

class EcgTraceSource;

/// The calibrated ECG strip: true-millimetre paper, lead layouts, keyboard and mouse
/// navigation, calipers. It owns only view state; samples come from an EcgTraceSource.
///
/// Keys: PgUp/PgDn page, Left/Right step (1/5 page), Home/End, Ctrl +/- or Ctrl+wheel time
/// zoom (1 s .. 24 h per screen), +/- gain, C caliper mode, M march-out; with calipers shown,
/// Alt+Left/Right moves the first and Shift+Left/Right the second by one sample.
/// Right-click a lead for its own gain.
/// Mouse: drag to pan; in caliper mode press/drag/release places the two calipers, each
/// snapped to the nearest peak of the lead under the mouse (hold Shift to place freely).
class EcgStripView : public QWidget {
    Q_OBJECT
public:
    explicit EcgStripView(QWidget* parent = nullptr);
    ~EcgStripView() override;

    void setSource(std::shared_ptr<const EcgTraceSource> source);
    const EcgTraceSource* source() const { return m_source.get(); }

    const EcgViewState& state() const { return m_state; }
    void setState(const EcgViewState& state);

    void setBeats(std::vector<EcgBeatMark> beats);
    void setEpisodes(std::vector<EcgEpisode> episodes);
    void setWaves(std::vector<EcgWave> waves);
    const std::vector<EcgWave>& waves() const { return m_waves; }
    const std::vector<EcgBeatMark>& beats() const { return m_beats; }

    void setLayout(EcgLayoutKind kind, int rhythmStrips = 1);
    void setSpeed(double mmPerSecond);
    void setGain(double mmPerMv);
    /// Gain of one lead (mm/mV); 0 returns it to the global gain.
    void setLeadGain(int lead, double mmPerMv);
    void setCalibration(double factor); ///< Screen calibration: drawn 100 mm / measured mm.
    void setFilterLabel(const QString& label);
    void setHeartRate(double bpm);

    /// Moves the window so it starts at \a seconds (clamped to the record).
    void goToTime(double seconds);
    double startSeconds() const { return m_state.startSeconds; }
    double pageSeconds() const;
    void pageForward();
    void pageBack();
    void zoomTime(double factor); ///< > 1 shows less time (faster paper).
    /// Sets the paper speed so one page shows \a seconds (1 s .. 24 h).
    void setPageSeconds(double seconds);

    /// Jumps to the next (or previous) beat whose code is in \a codes; false if none.
    bool jumpToBeat(const QStringList& codes, bool forward);
    /// Jumps to the next (or previous) episode whose label matches; false if none.
    bool jumpToEpisode(const QString& label, bool forward);

    void setCaliperMode(bool on);
    bool caliperMode() const { return m_caliperMode; }
    void setCalipers(double t1, double t2, int lead);
    void clearCalipers();

    /// The time of the largest deflection of \a lead within 40 ms of \a t (an R or S
    /// peak near a caliper click); \a t itself when the source has nothing there.
    double snapToPeak(double t, int lead) const;

    /// Time under a widget x coordinate in the first panel containing \a pos (NaN if none).
    double timeAt(const QPointF& pos) const;
    /// Widget x coordinate of time \a t in the first panel showing \a lead (NaN if none).
    double xForTime(double t, int lead) const;
    /// The panels as currently laid out (for tests and hit-testing).
    std::vector<EcgPanel> panels() const;

    /// Renders the current page into an image of \a size at this widget's paper scale.
    QImage renderToImage(const QSize& size);

Q_SIGNALS:
    void viewChanged(double startSeconds, double pageSeconds);
    void calipersChanged();

protected:
    void paintEvent(QPaintEvent* e) override;
    void keyPressEvent(QKeyEvent* e) override;
    void wheelEvent(QWheelEvent* e) override;
    void mousePressEvent(QMouseEvent* e) override;
    void mouseMoveEvent(QMouseEvent* e) override;
    void mouseReleaseEvent(QMouseEvent* e) override;
    void showEvent(QShowEvent* e) override;
    void contextMenuEvent(QContextMenuEvent* e) override;

private:
    void clampAndNotify();
    int panelLeadAt(const QPointF& pos) const;
    bool nudgeCaliper(bool second, int samples);

    std::shared_ptr<const EcgTraceSource> m_source;
    EcgViewState m_state;
    EcgStripRenderer m_renderer;
    std::vector<EcgBeatMark> m_beats;
    std::vector<EcgEpisode> m_episodes;
    std::vector<EcgWave> m_waves;
    double m_calibration = 1.0;
    bool m_caliperMode = false;
    bool m_dragging = false;
    QPointF m_dragOrigin;
    double m_dragStartSeconds = 0.0;
};

} // namespace cardiolens::widgets
