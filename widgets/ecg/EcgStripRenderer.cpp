#include "ecg/EcgStripRenderer.h"

#include "ecg/EcgTraceSource.h"

#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace cardiolens::widgets {

namespace {

constexpr double kPulseAreaMm = 10.0; // left margin holding each row's 1 mV pulse
constexpr double kFooterMm = 7.0;
const QColor kPaper(255, 250, 248);
const QColor kMinorGrid(247, 203, 203);
const QColor kMajorGrid(228, 138, 138);
const QColor kTrace(20, 20, 24);

QColor aamiColour(char aami) {
    switch (aami) {
    case 'S':
        return QColor(25, 90, 200);
    case 'V':
        return QColor(200, 30, 30);
    case 'F':
        return QColor(170, 60, 170);
    case 'Q':
        return QColor(110, 110, 110);
    default:
        return QColor(30, 110, 50);
    }
}

// Delineated waves: P blue, QRS red, T green, light enough to read the trace through.
QColor waveColour(char kind) {
    switch (kind) {
    case 'P':
        return QColor(60, 120, 230, 45);
    case 'T':
        return QColor(40, 170, 90, 45);
    default:
        return QColor(230, 60, 60, 40);
    }
}

// A pen of \a mm width. On screen that is one device pixel, drawn as a cosmetic pen:
// Qt's raster engine has a fast path only for those (wider pens go through the stroker,
// several times slower). Printed pages (600 dpi) get the true width.
QPen penMm(const QColor& colour, double mm, double pxPerMm, Qt::PenStyle style = Qt::SolidLine) {
    const double px = mm * pxPerMm;
    QPen pen(colour, px < 1.6 ? 1.0 : px, style);
    pen.setCosmetic(px < 1.6);
    return pen;
}

// Millivolts per unit of a lead, or 0 for non-voltage signals (PLETH, RESP, ...), which
// are scaled to their row instead of to the paper's mm/mV.
double mvPerUnit(const QString& units) {
    const QString u = units.trimmed();
    if (u.compare(QLatin1String("mV"), Qt::CaseInsensitive) == 0)
        return 1.0;
    if (u == QLatin1String("uV") || u == QStringLiteral("µV") || u == QStringLiteral("μV"))
        return 0.001;
    if (u == QLatin1String("V"))
        return 1000.0;
    return 0.0;
}

// Pages longer than this are overviews: envelopes, not paper-scale traces.
constexpr double kOverviewSeconds = 60.0;
// Larger baseline offsets than this are removed for display (see paintTrace).
constexpr double kMaxShownOffsetMv = 2.0;
bool isOverview(const EcgPanel& panel) {
    return panel.endSeconds - panel.startSeconds > kOverviewSeconds;
}

// "2 h 05 min", "12 min 30 s", "45 s".
QString formatDuration(double seconds) {
    const auto s = qint64(std::llround(seconds));
    if (s >= 3600)
        return QStringLiteral("%1 h %2 min")
            .arg(s / 3600)
            .arg((s / 60) % 60, 2, 10, QLatin1Char('0'));
    if (s >= 60)
        return QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1 s").arg(s);
}

double xFor(const EcgPanel& panel, double t) {
    const double span = panel.endSeconds - panel.startSeconds;
    return panel.rect.left() + (t - panel.startSeconds) / span * panel.rect.width();
}

} // namespace

QRectF EcgStripRenderer::traceArea(const QRectF& target, const EcgViewState& state) const {
    const double mm = state.scale.pxPerMm;
    return QRectF(target.left() + kPulseAreaMm * mm, target.top(),
                  target.width() - kPulseAreaMm * mm, target.height() - kFooterMm * mm);
}

double EcgStripRenderer::pageSeconds(const QRectF& target, const EcgViewState& state) const {
    return traceArea(target, state).width() / state.scale.pxPerSecond();
}

std::vector<EcgPanel> EcgStripRenderer::panels(const QRectF& target, const EcgViewState& state,
                                               const QStringList& leadNames) const {
    EcgLeadLayout::Request r;
    r.kind = state.layout;
    r.leadNames = leadNames;
    r.stackLeads = state.stackLeads;
    r.rhythmStrips = state.rhythmStrips;
    r.rhythmLead = state.rhythmLead;
    r.area = traceArea(target, state);
    r.pxPerSecond = state.scale.pxPerSecond();
    r.startSeconds = state.startSeconds;
    return EcgLeadLayout::compute(r);
}

void EcgStripRenderer::paint(QPainter& p, const QRectF& target, const EcgViewState& state,
                             const EcgTraceSource& source, const Overlays& overlays) {
    p.save();
    p.setClipRect(target);
    const QRectF area = traceArea(target, state);
    const QRectF gridArea(target.left(), area.top(), target.width(), area.height());
    // Fast path: an untransformed 32-bit image we may write pixels into directly.
    auto* image = p.device() && p.device()->devType() == QInternal::Image
                      ? static_cast<QImage*>(p.device())
                      : nullptr;
    if (image &&
        (!p.transform().isIdentity() || image->depth() != 32 || image->devicePixelRatio() != 1.0))
        image = nullptr;
    m_raster = image;
    m_rasterClip = image ? target.toAlignedRect().intersected(image->rect()) : QRect();
    if (image && state.showGrid) {
        blitCachedPaper(*image, target, gridArea, state.scale.pxPerMm);
    } else {
        p.fillRect(target, kPaper);
        if (state.showGrid)
            paintGrid(p, gridArea, state.scale.pxPerMm);
    }

    const QStringList names = source.leadNames();
    const std::vector<EcgPanel> pagePanels = panels(target, state, names);
    if (overlays.episodes)
        paintEpisodes(p, area, state, *overlays.episodes);
    if (overlays.waves)
        paintWaves(p, pagePanels, *overlays.waves);

    QFont labelFont = p.font();
    labelFont.setPixelSize(std::max(9, int(3.0 * state.scale.pxPerMm)));
    labelFont.setBold(true);
    for (const EcgPanel& panel : pagePanels) {
        if (panel.lead < 0)
            continue;
        const double gain = state.gainFor(panel.lead);
        // The pulse goes at the start of each row, i.e. for panels touching the left edge.
        // The 1 mV pulse only means something where the trace is drawn at mm/mV.
        const bool voltage = mvPerUnit(source.leadUnits(panel.lead)) > 0 && !isOverview(panel);
        if (voltage && state.showCalibrationPulse &&
            std::abs(panel.rect.left() - area.left()) < 0.5)
            paintCalibrationPulse(p, panel.rect, state, gain);
        paintTrace(p, panel, gain * state.scale.pxPerMm, state.scale.pxPerMm, source);
        p.setFont(labelFont);
        p.setPen(QColor(40, 40, 60));
        QString label = names.value(panel.lead);
        if (mvPerUnit(source.leadUnits(panel.lead)) != 1.0) // say the units when not mV
            label += QStringLiteral(" (%1)").arg(source.leadUnits(panel.lead));
        p.drawText(panel.rect.adjusted(4, 2, 0, 0), Qt::AlignLeft | Qt::AlignTop, label);
    }
    if (overlays.beats)
        paintBeats(p, pagePanels, state, *overlays.beats);
    if (state.calipers)
        paintCalipers(p, pagePanels, state, source);
    paintFooter(p, target, state);
    m_raster = nullptr;
    p.restore();
}

void EcgStripRenderer::paintGrid(QPainter& p, const QRectF& area, double pxPerMm) {
    // Minor lines only when they are at least 3 px apart, otherwise they blur the page.
    const bool minor = pxPerMm >= 3.0;
    auto& lines = m_lines;
    for (int pass = minor ? 0 : 1; pass < 2; ++pass) {
        lines.clear();
        const int step = pass == 0 ? 1 : 5;
        for (int mm = 0;; mm += step) {
            const double x = area.left() + mm * pxPerMm;
            if (x > area.right())
                break;
            if (pass == 0 && mm % 5 == 0)
                continue;
            lines.emplace_back(x, area.top(), x, area.bottom());
        }
        for (int mm = 0;; mm += step) {
            const double y = area.top() + mm * pxPerMm;
            if (y > area.bottom())
                break;
            if (pass == 0 && mm % 5 == 0)
                continue;
            lines.emplace_back(area.left(), y, area.right(), y);
        }
        p.setPen(penMm(pass == 0 ? kMinorGrid : kMajorGrid, pass == 0 ? 0.1 : 0.2, pxPerMm));
        p.drawLines(lines.data(), int(lines.size()));
    }
}

void EcgStripRenderer::paintTrace(QPainter& p, const EcgPanel& panel, double pxPerMv,
                                  double pxPerMm, const EcgTraceSource& source) {
    const int columns = std::max(1, int(std::ceil(panel.rect.width())));
    m_mins.resize(std::size_t(columns));
    m_maxs.resize(std::size_t(columns));
    source.minMax(panel.lead, panel.startSeconds, panel.endSeconds, columns, m_mins.data(),
                  m_maxs.data());

    double baseline = panel.rect.center().y();
    const double perUnit = mvPerUnit(source.leadUnits(panel.lead));
    if (perUnit > 0 && !isOverview(panel)) {
        pxPerMv *= perUnit; // pixels per unit of this lead
        // Some recorders store a DC offset of several mV (CPSC 2021: ~5 mV), which would put
        // an unfiltered trace outside its row. Beyond kMaxShownOffsetMv the page's median
        // goes to the row's baseline; amplitudes keep their calibration.
        m_mids.clear();
        for (int c = 0; c < columns; ++c)
            if (!std::isnan(m_mins[std::size_t(c)]))
                m_mids.push_back(0.5f * (m_mins[std::size_t(c)] + m_maxs[std::size_t(c)]));
        if (!m_mids.empty()) {
            auto mid = m_mids.begin() + std::ptrdiff_t(m_mids.size() / 2);
            std::nth_element(m_mids.begin(), mid, m_mids.end());
            if (std::abs(double(*mid) * perUnit) > kMaxShownOffsetMv)
                baseline += double(*mid) * pxPerMv;
        }
    } else {
        // Not a voltage, or an overview page (minutes to hours, where min/max envelopes
        // span several mV): fit the page's range into 70 % of the row, as monitors do.
        float lo = INFINITY, hi = -INFINITY;
        for (int c = 0; c < columns; ++c)
            if (!std::isnan(m_mins[std::size_t(c)])) {
                lo = std::min(lo, m_mins[std::size_t(c)]);
                hi = std::max(hi, m_maxs[std::size_t(c)]);
            }
        const double range = hi > lo ? double(hi - lo) : 1.0;
        pxPerMv = 0.7 * panel.rect.height() / range;
        baseline += (double(lo) + range / 2) * pxPerMv; // centre the range on the row
    }
    const double dx = panel.rect.width() / columns;
    m_lines.clear();
    float prevMin = NAN, prevMax = NAN;
    for (int c = 0; c < columns; ++c) {
        float lo = m_mins[std::size_t(c)], hi = m_maxs[std::size_t(c)];
        if (std::isnan(lo) || std::isnan(hi)) {
            prevMin = prevMax = NAN;
            continue;
        }
        // Overlap each column with its neighbour so the trace reads as one continuous line.
        if (!std::isnan(prevMin)) {
            lo = std::min(lo, prevMax);
            hi = std::max(hi, prevMin);
        }
        prevMin = m_mins[std::size_t(c)];
        prevMax = m_maxs[std::size_t(c)];
        const double x = panel.rect.left() + (c + 0.5) * dx;
        const double y1 = baseline - double(hi) * pxPerMv;
        const double y2 = baseline - double(lo) * pxPerMv;
        m_lines.emplace_back(x, y1, x, std::max(y2, y1 + 0.6));
    }
    // Overview rows keep to themselves (a paper-speed page overlaps as paper does).
    const bool overview = isOverview(panel);
    if (m_raster) {
        rasterTrace(*m_raster,
                    overview ? m_rasterClip.intersected(panel.rect.toAlignedRect()) : m_rasterClip,
                    pxPerMv);
        return;
    }
    p.save();
    if (overview)
        p.setClipRect(panel.rect, Qt::IntersectClip);
    p.setPen(penMm(kTrace, 0.3, pxPerMm));
    p.drawLines(m_lines.data(), int(m_lines.size()));
    p.restore();
}

void EcgStripRenderer::rasterTrace(QImage& image, const QRect& clip, double) {
    // Each segment is a vertical run of pixels in one column: write them directly.
    const QRgb ink = kTrace.rgb();
    uchar* bits = image.bits();
    const qsizetype stride = image.bytesPerLine();
    for (const QLineF& l : m_lines) {
        const int x = int(l.x1());
        if (x < clip.left() || x > clip.right())
            continue;
        int y1 = int(std::floor(l.y1()));
        int y2 = int(std::floor(l.y2()));
        y1 = std::max(y1, clip.top());
        y2 = std::min(y2, clip.bottom());
        for (int y = y1; y <= y2; ++y)
            reinterpret_cast<QRgb*>(bits + y * stride)[x] = ink;
    }
}

void EcgStripRenderer::blitCachedPaper(QImage& target, const QRectF& page, const QRectF& area,
                                       double pxPerMm) {
    if (m_paper.isNull() || m_paperPage != page || m_paperArea != area ||
        m_paperPxPerMm != pxPerMm) {
        const QRect r = page.toAlignedRect();
        m_paper = QImage(r.size(), QImage::Format_RGB32);
        m_paper.fill(kPaper);
        QPainter gp(&m_paper);
        gp.translate(-r.topLeft());
        paintGrid(gp, area, pxPerMm);
        m_paperPage = page;
        m_paperArea = area;
        m_paperPxPerMm = pxPerMm;
    }
    const QRect r = page.toAlignedRect();
    const QRect dst = r.intersected(target.rect());
    const int bytes = dst.width() * 4;
    for (int y = dst.top(); y <= dst.bottom(); ++y)
        std::memcpy(target.scanLine(y) + dst.left() * 4,
                    m_paper.constScanLine(y - r.top()) + (dst.left() - r.left()) * 4,
                    std::size_t(bytes));
}

void EcgStripRenderer::paintCalibrationPulse(QPainter& p, const QRectF& row,
                                             const EcgViewState& state, double gain) const {
    const double mm = state.scale.pxPerMm;
    const double baseline = row.center().y();
    const double top = baseline - gain * mm; // 1 mV
    const double x0 = row.left() - (kPulseAreaMm - 2.0) * mm;
    const double x1 = x0 + 1.5 * mm, x2 = x1 + 5.0 * mm, x3 = x2 + 1.5 * mm;
    const QPointF pts[] = {{x0, baseline}, {x1, baseline}, {x1, top},
                           {x2, top},      {x2, baseline}, {x3, baseline}};
    p.setPen(penMm(kTrace, 0.3, mm));
    p.drawPolyline(pts, 6);
}

void EcgStripRenderer::paintBeats(QPainter& p, const std::vector<EcgPanel>& panels,
                                  const EcgViewState& state,
                                  const std::vector<EcgBeatMark>& beats) const {
    QFont f = p.font();
    f.setPixelSize(std::max(9, int(2.6 * state.scale.pxPerMm)));
    f.setBold(true);
    p.setFont(f);
    const double minSpacing = QFontMetricsF(f).horizontalAdvance(QLatin1Char('M')) * 1.2;
    // Labels go above the first rhythm strip when there is one (it spans the whole page),
    // otherwise above the annotated lead.
    const auto rhythm =
        std::find_if(panels.begin(), panels.end(), [](const EcgPanel& c) { return c.rhythmStrip; });
    for (const EcgPanel& panel : panels) {
        if (rhythm != panels.end() ? &panel != &*rhythm : panel.lead != state.beatLead)
            continue;
        // Just above the trace's usual reach (1.5 mV), never above the panel.
        const double y = std::max(panel.rect.top() + f.pixelSize() * 1.3,
                                  panel.rect.center().y() -
                                      1.5 * state.gainFor(panel.lead) * state.scale.pxPerMm);
        auto it = std::lower_bound(beats.begin(), beats.end(), panel.startSeconds,
                                   [](const EcgBeatMark& b, double t) { return b.seconds < t; });
        double lastX = -1e9;
        for (; it != beats.end() && it->seconds < panel.endSeconds; ++it) {
            const double x = xFor(panel, it->seconds);
            if (x - lastX < minSpacing)
                continue; // zoomed out: labels would overlap; the navigator shows density
            lastX = x;
            p.setPen(aamiColour(it->aami));
            p.drawText(QRectF(x - 20, y - f.pixelSize() * 1.4, 40, f.pixelSize() * 1.4),
                       Qt::AlignCenter, it->uncertain ? it->code + QLatin1Char('?') : it->code);
        }
    }
}

void EcgStripRenderer::paintWaves(QPainter& p, const std::vector<EcgPanel>& panels,
                                  const std::vector<EcgWave>& waves) const {
    // Translucent bands behind every lead's trace; waves are sorted by onset.
    for (const EcgPanel& panel : panels) {
        if (panel.lead < 0)
            continue;
        auto it = std::lower_bound(waves.begin(), waves.end(), panel.startSeconds - 1.0,
                                   [](const EcgWave& w, double t) { return w.startSeconds < t; });
        for (; it != waves.end() && it->startSeconds < panel.endSeconds; ++it) {
            if (it->endSeconds <= panel.startSeconds)
                continue;
            const double x0 = xFor(panel, std::max(it->startSeconds, panel.startSeconds));
            const double x1 = xFor(panel, std::min(it->endSeconds, panel.endSeconds));
            if (x1 - x0 < 1.0)
                continue; // zoomed out: a wave is narrower than a pixel
            p.fillRect(QRectF(x0, panel.rect.top(), x1 - x0, panel.rect.height()),
                       waveColour(it->kind));
        }
    }
}

void EcgStripRenderer::paintEpisodes(QPainter& p, const QRectF& area, const EcgViewState& state,
                                     const std::vector<EcgEpisode>& episodes) const {
    const double pps = state.scale.pxPerSecond();
    const double t0 = state.startSeconds;
    const double t1 = t0 + area.width() / pps;
    const double band = 4.0 * state.scale.pxPerMm;
    QFont f = p.font();
    f.setPixelSize(std::max(9, int(2.4 * state.scale.pxPerMm)));
    p.setFont(f);
    for (const EcgEpisode& e : episodes) {
        if (e.endSeconds < t0 || e.startSeconds > t1)
            continue;
        const double x0 = area.left() + (std::max(e.startSeconds, t0) - t0) * pps;
        const double x1 = area.left() + (std::min(e.endSeconds, t1) - t0) * pps;
        const QRectF r(x0, area.bottom() - band, std::max(2.0, x1 - x0), band);
        p.fillRect(r, e.noise ? QColor(120, 120, 120, 90) : QColor(255, 170, 0, 90));
        p.setPen(QColor(90, 60, 0));
        p.drawText(r.adjusted(3, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter, e.label);
    }
}

double EcgStripRenderer::amplitudeAt(const EcgTraceSource& source, int lead, double t) {
    float lo = NAN, hi = NAN;
    source.minMax(lead, t - 0.002, t + 0.002, 1, &lo, &hi);
    return (double(lo) + double(hi)) / 2.0;
}

void EcgStripRenderer::paintCalipers(QPainter& p, const std::vector<EcgPanel>& panels,
                                     const EcgViewState& state,
                                     const EcgTraceSource& source) const {
    const EcgCalipers& c = *state.calipers;
    const double dt = c.t2 - c.t1;
    p.setPen(penMm(QColor(0, 90, 200), 0.4, state.scale.pxPerMm));
    for (const EcgPanel& panel : panels) {
        for (double t : {c.t1, c.t2}) {
            if (t >= panel.startSeconds && t <= panel.endSeconds) {
                const double x = xFor(panel, t);
                p.drawLine(QLineF(x, panel.rect.top(), x, panel.rect.bottom()));
            }
        }
        if (c.marchOut && std::abs(dt) > 0.05) {
            p.save();
            p.setPen(penMm(QColor(0, 90, 200, 140), 0.25, state.scale.pxPerMm, Qt::DashLine));
            for (double t = c.t2 + dt; t <= panel.endSeconds; t += dt)
                if (t >= panel.startSeconds)
                    p.drawLine(QLineF(xFor(panel, t), panel.rect.top(), xFor(panel, t),
                                      panel.rect.bottom()));
            p.restore();
        }
    }
    const double da = amplitudeAt(source, c.lead, c.t2) - amplitudeAt(source, c.lead, c.t1);
    const QLocale loc;
    QString text = QStringLiteral("Δt %1 ms   %2 bpm")
                       .arg(loc.toString(std::abs(dt) * 1000.0, 'f', 0),
                            loc.toString(dt != 0 ? 60.0 / std::abs(dt) : 0.0, 'f', 0));
    if (!std::isnan(da))
        text += QStringLiteral("   ΔA %1 mV").arg(loc.toString(da, 'f', 2));
    QFont f = p.font();
    f.setPixelSize(std::max(10, int(3.0 * state.scale.pxPerMm)));
    p.setFont(f);
    const QRectF box = QFontMetricsF(f).boundingRect(text).adjusted(-6, -3, 6, 3);
    const QPointF at(panels.empty() ? 20.0 : panels.front().rect.left() + 40,
                     panels.empty() ? 20.0 : panels.front().rect.top() + 20);
    const QRectF r = box.translated(at - box.topLeft());
    p.fillRect(r, QColor(255, 255, 255, 230));
    p.setPen(QColor(0, 70, 170));
    p.drawText(r, Qt::AlignCenter, text);
}

void EcgStripRenderer::paintFooter(QPainter& p, const QRectF& target,
                                   const EcgViewState& state) const {
    const double mm = state.scale.pxPerMm;
    const QRectF footer(target.left(), target.bottom() - kFooterMm * mm, target.width(),
                        kFooterMm * mm);
    p.fillRect(footer, QColor(250, 240, 238));
    const QLocale loc;
    // Paper speeds read as mm/s; zoomed-out Holter views read as time per page.
    const double pageSeconds = traceArea(target, state).width() / state.scale.pxPerSecond();
    const QString speed =
        state.scale.mmPerSecond >= 5.0
            ? QStringLiteral("%1 mm/s").arg(loc.toString(state.scale.mmPerSecond, 'g', 4))
            : QStringLiteral("%1 per page").arg(formatDuration(pageSeconds));
    const QString gain =
        pageSeconds > kOverviewSeconds
            ? QStringLiteral("gain fitted per row")
            : QStringLiteral("%1 mm/mV").arg(loc.toString(state.scale.mmPerMv, 'g', 3));
    QString text = QStringLiteral("%1   %2   %3").arg(speed, gain, state.filterLabel);
    if (!std::isnan(state.heartRateBpm))
        text += QStringLiteral("   HR %1 bpm").arg(loc.toString(state.heartRateBpm, 'f', 0));
    const int seconds = int(state.startSeconds);
    text += QStringLiteral("   %1:%2:%3")
                .arg(seconds / 3600, 2, 10, QLatin1Char('0'))
                .arg((seconds / 60) % 60, 2, 10, QLatin1Char('0'))
                .arg(seconds % 60, 2, 10, QLatin1Char('0'));
    if (!state.recordName.isEmpty())
        text = state.recordName + QStringLiteral("   ") + text;
    QFont f = p.font();
    f.setPixelSize(std::max(10, int(3.2 * mm)));
    f.setBold(false);
    p.setFont(f);
    p.setPen(QColor(60, 30, 30));
    p.drawText(footer.adjusted(2 * mm, 0, -2 * mm, 0), Qt::AlignLeft | Qt::AlignVCenter, text);
}

} // namespace cardiolens::widgets
