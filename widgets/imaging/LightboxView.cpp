#include "imaging/LightboxView.h"

#include "imaging/CineVolume.h"

#include <QMouseEvent>
#include <QPainter>

#include <cmath>

namespace cardiolens::widgets {

LightboxView::LightboxView(QWidget* parent) : QWidget(parent) {
    setAutoFillBackground(false);
    setMinimumSize(200, 200);
}

void LightboxView::setVolume(const imaging::CineVolume* volume) {
    m_volume = volume && !volume->isEmpty() ? volume : nullptr;
    m_labels = nullptr;
    m_tiles.clear();
    m_slice = m_phase = 0;
    invalidate();
}

void LightboxView::setLabels(const imaging::LabelCine* labels) {
    m_labels = labels;
    invalidate();
}

void LightboxView::setOverlayStyle(const imaging::LabelOverlayStyle& style, bool visible) {
    m_style = style;
    m_overlay = visible;
    invalidate();
}

void LightboxView::setWindowLevel(const imaging::WindowLevel& wl) {
    if (wl == m_wl)
        return;
    m_wl = wl;
    invalidate();
}

void LightboxView::setMode(Mode mode) {
    m_mode = mode;
    invalidate();
}

void LightboxView::setFrame(int slice, int phase) {
    const bool tilesChange = m_mode == Mode::SlicesAtPhase ? phase != m_phase : slice != m_slice;
    m_slice = slice;
    m_phase = phase;
    if (tilesChange)
        invalidate();
    else
        update();
}

void LightboxView::invalidate() {
    m_dirty = true;
    update();
}

int LightboxView::tileCount() const {
    if (!m_volume)
        return 0;
    return m_mode == Mode::SlicesAtPhase ? m_volume->slices() : m_volume->phases();
}

int LightboxView::columns() const {
    const int n = tileCount();
    if (n == 0)
        return 1;
    // Columns that make tiles largest for this widget shape and the frame aspect.
    const double aspect = double(m_volume->width()) * m_volume->geometry().pixelSpacing[0] /
                          (double(m_volume->height()) * m_volume->geometry().pixelSpacing[1]);
    int best = 1;
    double bestSize = 0.0;
    for (int c = 1; c <= n; ++c) {
        const int r = (n + c - 1) / c;
        const double w = std::min(double(width()) / c, double(height()) / r * aspect);
        if (w > bestSize) {
            bestSize = w;
            best = c;
        }
    }
    return best;
}

QRect LightboxView::tileRect(int index) const {
    const int n = tileCount();
    if (n == 0 || index < 0 || index >= n)
        return {};
    const int c = columns();
    const int r = (n + c - 1) / c;
    const double cellW = double(width()) / c, cellH = double(height()) / r;
    const double aspect = double(m_volume->width()) * m_volume->geometry().pixelSpacing[0] /
                          (double(m_volume->height()) * m_volume->geometry().pixelSpacing[1]);
    double w = cellW - 4, h = w / aspect;
    if (h > cellH - 4) {
        h = cellH - 4;
        w = h * aspect;
    }
    const double x = (index % c) * cellW + 0.5 * (cellW - w);
    const double y = (index / c) * cellH + 0.5 * (cellH - h);
    return QRect(int(x), int(y), int(w), int(h));
}

std::pair<int, int> LightboxView::frameOfTile(int index) const {
    return m_mode == Mode::SlicesAtPhase ? std::pair{index, m_phase} : std::pair{m_slice, index};
}

void LightboxView::renderTiles() {
    m_dirty = false;
    const int n = tileCount();
    if (int(m_tiles.size()) != n) {
        m_tiles.assign(std::size_t(n), QImage());
        for (QImage& t : m_tiles)
            t = QImage(m_volume->width(), m_volume->height(), QImage::Format_ARGB32);
    }
    for (int i = 0; i < n; ++i) {
        const auto [s, p] = frameOfTile(i);
        QImage& t = m_tiles[std::size_t(i)];
        const bool fits =
            m_labels && m_labels->nx == m_volume->width() && m_labels->ny == m_volume->height();
        const std::uint8_t* labels =
            m_overlay && fits ? imaging::labelFrame(*m_labels, s, p) : nullptr;
        imaging::renderFrameArgb(
            *m_volume, s, p, m_wl, labels, labels ? &m_style : nullptr,
            {reinterpret_cast<std::uint32_t*>(t.bits()), std::size_t(t.width()) * t.height()});
    }
}

void LightboxView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), Qt::black);
    if (!m_volume)
        return;
    if (m_dirty)
        renderTiles();
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    QFont f = font();
    f.setPointSizeF(8.0);
    p.setFont(f);
    for (int i = 0; i < tileCount(); ++i) {
        const QRect r = tileRect(i);
        p.drawImage(r, m_tiles[std::size_t(i)]);
        const auto [s, ph] = frameOfTile(i);
        const bool current = s == m_slice && ph == m_phase;
        p.setPen(current ? QPen(QColor(255, 200, 40), 2) : QPen(QColor(60, 60, 60), 1));
        p.drawRect(r.adjusted(0, 0, -1, -1));
        p.setPen(QColor(230, 230, 230));
        const QString label =
            m_mode == Mode::SlicesAtPhase ? tr("S%1").arg(s + 1) : tr("P%1").arg(ph + 1);
        p.drawText(r.adjusted(4, 2, 0, 0), Qt::AlignLeft | Qt::AlignTop, label);
    }
}

void LightboxView::mousePressEvent(QMouseEvent* e) {
    for (int i = 0; i < tileCount(); ++i) {
        if (tileRect(i).contains(e->position().toPoint())) {
            const auto [s, p] = frameOfTile(i);
            Q_EMIT frameActivated(s, p);
            return;
        }
    }
}

void LightboxView::resizeEvent(QResizeEvent* e) {
    QWidget::resizeEvent(e);
    update();
}

} // namespace cardiolens::widgets
