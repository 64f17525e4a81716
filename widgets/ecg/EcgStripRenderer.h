#pragma once

#include "ecg/EcgLeadLayout.h"
#include "ecg/EcgViewState.h"

#include <QImage>
#include <QLineF>
#include <QRectF>

#include <vector>

class QPainter;

namespace cardiolens::widgets {

class EcgTraceSource;

/// Paints an ECG page (paper grid, calibration pulses, traces, lead names, annotations,
/// calipers and the speed/gain/filter footer) with QPainter. Shared by the on-screen
/// view, PDF/PNG export and the render benchmark, so all three show the same page.
/// Keeps its scratch buffers between calls: painting a page allocates nothing new.
/// Painting into a 32-bit QImage takes a fast path (cached paper, traces written as pixel
/// spans); other devices (PDF, printers) get the same page through QPainter primitives.
class EcgStripRenderer {
public:
    struct Overlays {
        const std::vector<EcgBeatMark>* beats = nullptr;
        const std::vector<EcgEpisode>* episodes = nullptr;
        const std::vector<EcgWave>* waves = nullptr;
    };

    /// Panels for \a target (the whole page, footer included) under \a state.
    std::vector<EcgPanel> panels(const QRectF& target, const EcgViewState& state,
                                 const QStringList& leadNames) const;
    /// Trace area inside \a target: right of the calibration pulses, above the footer.
    QRectF traceArea(const QRectF& target, const EcgViewState& state) const;
    /// Seconds a page shows horizontally.
    double pageSeconds(const QRectF& target, const EcgViewState& state) const;

    void paint(QPainter& p, const QRectF& target, const EcgViewState& state,
               const EcgTraceSource& source, const Overlays& overlays);

    /// Amplitude of \a lead at time \a t (mean of the samples in a 4 ms bin), NaN outside.
    static double amplitudeAt(const EcgTraceSource& source, int lead, double t);

private:
    void paintGrid(QPainter& p, const QRectF& area, double pxPerMm);
    void blitCachedPaper(QImage& target, const QRectF& page, const QRectF& area, double pxPerMm);
    void rasterTrace(QImage& image, const QRect& clip, double pxPerMv);
    void paintTrace(QPainter& p, const EcgPanel& panel, double pxPerMv, double pxPerMm,
                    const EcgTraceSource& source);
    void paintCalibrationPulse(QPainter& p, const QRectF& row, const EcgViewState& state,
                               double gain) const;
    void paintBeats(QPainter& p, const std::vector<EcgPanel>& panels, const EcgViewState& state,
                    const std::vector<EcgBeatMark>& beats) const;
    void paintWaves(QPainter& p, const std::vector<EcgPanel>& panels,
                    const std::vector<EcgWave>& waves) const;
    void paintEpisodes(QPainter& p, const QRectF& area, const EcgViewState& state,
                       const std::vector<EcgEpisode>& episodes) const;
    void paintCalipers(QPainter& p, const std::vector<EcgPanel>& panels, const EcgViewState& state,
                       const EcgTraceSource& source) const;
    void paintFooter(QPainter& p, const QRectF& target, const EcgViewState& state) const;

    std::vector<float> m_mins;
    std::vector<float> m_mids; ///< Scratch for the page median (DC offset).
    std::vector<float> m_maxs;
    std::vector<QLineF> m_lines;
    QImage m_paper; ///< Paper and grid for the last page geometry (fast path).
    QRectF m_paperPage, m_paperArea;
    double m_paperPxPerMm = 0.0;
    QImage* m_raster = nullptr; ///< Set during paint() when the fast path applies.
    QRect m_rasterClip;
};

} // namespace cardiolens::widgets
