#include "ecg/EcgStripView.h"

#include "ecg/EcgTraceSource.h"

#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QLocale>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QScreen>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace cardiolens::widgets {

namespace {
constexpr double kMinSecondsPerScreen = 1.0;
constexpr double kMaxSecondsPerScreen = 24.0 * 3600.0;
} // namespace

EcgStripView::EcgStripView(QWidget* parent) : QWidget(parent) {
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(320, 200);
    m_state.scale.pxPerMm = EcgPaperScale::screenPxPerMm(screen(), m_calibration);
}

EcgStripView::~EcgStripView() = default;

void EcgStripView::setSource(std::shared_ptr<const EcgTraceSource> source) {
    m_source = std::move(source);
    m_state.startSeconds = 0.0;
    m_state.calipers.reset();
    m_state.beatLead = 0;
    clampAndNotify();
}

void EcgStripView::setState(const EcgViewState& state) {
    const double pxPerMm = m_state.scale.pxPerMm;
    m_state = state;
    m_state.scale.pxPerMm = pxPerMm; // the screen decides this, not the caller
    clampAndNotify();
}

void EcgStripView::setBeats(std::vector<EcgBeatMark> beats) {
    m_beats = std::move(beats);
    std::sort(m_beats.begin(), m_beats.end(),
              [](const auto& a, const auto& b) { return a.seconds < b.seconds; });
    update();
}

void EcgStripView::setEpisodes(std::vector<EcgEpisode> episodes) {
    m_episodes = std::move(episodes);
    update();
}

void EcgStripView::setWaves(std::vector<EcgWave> waves) {
    m_waves = std::move(waves);
    std::sort(m_waves.begin(), m_waves.end(),
              [](const EcgWave& a, const EcgWave& b) { return a.startSeconds < b.startSeconds; });
    update();
}

void EcgStripView::setLayout(EcgLayoutKind kind, int rhythmStrips) {
    m_state.layout = kind;
    m_state.rhythmStrips = rhythmStrips;
    clampAndNotify();
}

void EcgStripView::setSpeed(double mmPerSecond) {
    m_state.scale.mmPerSecond = mmPerSecond;
    clampAndNotify();
}

void EcgStripView::setGain(double mmPerMv) {
    m_state.scale.mmPerMv = std::clamp(mmPerMv, 1.0, 80.0);
    update();
}

void EcgStripView::setLeadGain(int lead, double mmPerMv) {
    if (lead < 0)
        return;
    if (std::size_t(lead) >= m_state.leadGainMmPerMv.size())
        m_state.leadGainMmPerMv.resize(std::size_t(lead) + 1, 0.0);
    m_state.leadGainMmPerMv[std::size_t(lead)] = mmPerMv > 0 ? std::clamp(mmPerMv, 1.0, 80.0) : 0.0;
    update();
}

void EcgStripView::setCalibration(double factor) {
    m_calibration = factor;
    m_state.scale.pxPerMm = EcgPaperScale::screenPxPerMm(screen(), m_calibration);
    clampAndNotify();
}

void EcgStripView::setFilterLabel(const QString& label) {
    m_state.filterLabel = label;
    update();
}

void EcgStripView::setHeartRate(double bpm) {
    m_state.heartRateBpm = bpm;
    update();
}

double EcgStripView::pageSeconds() const {
    return m_renderer.pageSeconds(QRectF(rect()), m_state);
}

void EcgStripView::goToTime(double seconds) {
    m_state.startSeconds = seconds;
    clampAndNotify();
}

void EcgStripView::pageForward() {
    goToTime(m_state.startSeconds + pageSeconds());
}
void EcgStripView::pageBack() {
    goToTime(m_state.startSeconds - pageSeconds());
}

void EcgStripView::zoomTime(double factor) {
    const double widthMm =
        m_renderer.traceArea(QRectF(rect()), m_state).width() / m_state.scale.pxPerMm;
    const double centre = m_state.startSeconds + pageSeconds() / 2;
    double speed = m_state.scale.mmPerSecond * factor;
    speed = std::clamp(speed, widthMm / kMaxSecondsPerScreen, widthMm / kMinSecondsPerScreen);
    m_state.scale.mmPerSecond = speed;
    m_state.startSeconds = centre - pageSeconds() / 2;
    clampAndNotify();
}

void EcgStripView::setPageSeconds(double seconds) {
    const double widthMm =
        m_renderer.traceArea(QRectF(rect()), m_state).width() / m_state.scale.pxPerMm;
    seconds = std::clamp(seconds, kMinSecondsPerScreen, kMaxSecondsPerScreen);
    m_state.scale.mmPerSecond = widthMm / seconds;
    clampAndNotify();
}

bool EcgStripView::jumpToBeat(const QStringList& codes, bool forward) {
    const double now = m_state.startSeconds + pageSeconds() / 2;
    // "?" stands for the beats a model was unsure of, whatever their class.
    const auto matches = [&](const EcgBeatMark& b) {
        return codes.isEmpty() || codes.contains(b.code) ||
               (b.uncertain && codes.contains(QStringLiteral("?")));
    };
    if (forward) {
        auto it = std::upper_bound(m_beats.begin(), m_beats.end(), now + 1e-6,
                                   [](double t, const EcgBeatMark& b) { return t < b.seconds; });
        it = std::find_if(it, m_beats.end(), matches);
        if (it == m_beats.end())
            return false;
        goToTime(it->seconds - pageSeconds() / 2);
    } else {
        auto it = std::lower_bound(m_beats.begin(), m_beats.end(), now - 1e-6,
                                   [](const EcgBeatMark& b, double t) { return b.seconds < t; });
        auto rit = std::find_if(std::make_reverse_iterator(it), m_beats.rend(), matches);
        if (rit == m_beats.rend())
            return false;
        goToTime(rit->seconds - pageSeconds() / 2);
    }
    return true;
}

bool EcgStripView::jumpToEpisode(const QString& label, bool forward) {
    const double now = m_state.startSeconds;
    const EcgEpisode* best = nullptr;
    for (const EcgEpisode& e : m_episodes) {
        if (!label.isEmpty() && e.label != label)
            continue;
        if (forward && e.startSeconds > now + 1e-6 &&
            (!best || e.startSeconds < best->startSeconds))
            best = &e;
        if (!forward && e.startSeconds < now - 1e-6 &&
            (!best || e.startSeconds > best->startSeconds))
            best = &e;
    }
    if (!best)
        return false;
    goToTime(best->startSeconds);
    return true;
}

void EcgStripView::setCaliperMode(bool on) {
    m_caliperMode = on;
    setCursor(on ? Qt::CrossCursor : Qt::ArrowCursor);
}

void EcgStripView::setCalipers(double t1, double t2, int lead) {
    EcgCalipers c = m_state.calipers.value_or(EcgCalipers{});
    c.t1 = t1;
    c.t2 = t2;
    c.lead = lead;
    m_state.calipers = c;
    Q_EMIT calipersChanged();
    update();
}

void EcgStripView::clearCalipers() {
    m_state.calipers.reset();
    Q_EMIT calipersChanged();
    update();
}

std::vector<EcgPanel> EcgStripView::panels() const {
    return m_source ? m_renderer.panels(QRectF(rect()), m_state, m_source->leadNames())
                    : std::vector<EcgPanel>{};
}

double EcgStripView::timeAt(const QPointF& pos) const {
    for (const EcgPanel& p : panels())
        if (p.rect.contains(pos))
            return p.startSeconds +
                   (pos.x() - p.rect.left()) / p.rect.width() * (p.endSeconds - p.startSeconds);
    return std::nan("");
}

double EcgStripView::xForTime(double t, int lead) const {
    for (const EcgPanel& p : panels())
        if (p.lead == lead && t >= p.startSeconds && t <= p.endSeconds)
            return p.rect.left() +
                   (t - p.startSeconds) / (p.endSeconds - p.startSeconds) * p.rect.width();
    return std::nan("");
}

double EcgStripView::snapToPeak(double t, int lead) const {
    if (!m_source || lead < 0)
        return t;
    const double fs = m_source->sampleRate(lead);
    constexpr double kHalfWindow = 0.04;
    const int n = std::max(3, int(2 * kHalfWindow * fs));
    std::vector<float> lo(static_cast<std::size_t>(n)), hi(static_cast<std::size_t>(n));
    const double t0 = t - kHalfWindow;
    m_source->minMax(lead, t0, t + kHalfWindow, n, lo.data(), hi.data());
    double mean = 0.0;
    int valid = 0;
    for (int i = 0; i < n; ++i)
        if (!std::isnan(lo[std::size_t(i)])) {
            mean += (lo[std::size_t(i)] + hi[std::size_t(i)]) / 2.0;
            ++valid;
        }
    if (valid == 0)
        return t;
    mean /= valid;
    int best = -1;
    double bestDeviation = -1.0;
    for (int i = 0; i < n; ++i) {
        const double v = (lo[std::size_t(i)] + hi[std::size_t(i)]) / 2.0;
        if (!std::isnan(v) && std::abs(v - mean) > bestDeviation) {
            bestDeviation = std::abs(v - mean);
            best = i;
        }
    }
    // Bin i starts at t0 + i / fs * (2 * kHalfWindow * fs / n); its sample sits at the start.
    return best < 0 ? t : t0 + best * (2 * kHalfWindow) / n;
}

int EcgStripView::panelLeadAt(const QPointF& pos) const {
    for (const EcgPanel& p : panels())
        if (p.rect.contains(pos))
            return p.lead;
    return -1;
}

QImage EcgStripView::renderToImage(const QSize& size) {
    QImage image(size, QImage::Format_RGB32);
    QPainter p(&image);
    if (m_source)
        m_renderer.paint(p, QRectF(QPointF(0, 0), QSizeF(size)), m_state, *m_source,
                         {&m_beats, &m_episodes, &m_waves});
    return image;
}

void EcgStripView::clampAndNotify() {
    if (m_source) {
        const double maxStart = std::max(0.0, m_source->durationSeconds() - pageSeconds());
        m_state.startSeconds = std::clamp(m_state.startSeconds, 0.0, maxStart);
    }
    Q_EMIT viewChanged(m_state.startSeconds, pageSeconds());
    update();
}

void EcgStripView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    if (!m_source) {
        p.fillRect(rect(), QColor(255, 250, 248));
        p.setPen(Qt::darkGray);
        p.drawText(rect(), Qt::AlignCenter, tr("No ECG record open."));
        return;
    }
    m_renderer.paint(p, QRectF(rect()), m_state, *m_source, {&m_beats, &m_episodes, &m_waves});
}

void EcgStripView::keyPressEvent(QKeyEvent* e) {
    const double page = pageSeconds();
    const bool ctrl = e->modifiers() & Qt::ControlModifier;
    switch (e->key()) {
    case Qt::Key_PageDown:
        pageForward();
        break;
    case Qt::Key_PageUp:
        pageBack();
        break;
    case Qt::Key_Right:
    case Qt::Key_Left: {
        const int dir = e->key() == Qt::Key_Right ? 1 : -1;
        if (m_state.calipers && (e->modifiers() & (Qt::AltModifier | Qt::ShiftModifier))) {
            nudgeCaliper(e->modifiers() & Qt::ShiftModifier, dir);
            break;
        }
        goToTime(m_state.startSeconds + dir * page / 5);
        break;
    }
    case Qt::Key_Home:
        goToTime(0.0);
        break;
    case Qt::Key_End:
        goToTime(m_source ? m_source->durationSeconds() : 0.0);
        break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        if (ctrl)
            zoomTime(2.0);
        else
            setGain(m_state.scale.mmPerMv * 2.0);
        break;
    case Qt::Key_Minus:
        if (ctrl)
            zoomTime(0.5);
        else
            setGain(m_state.scale.mmPerMv / 2.0);
        break;
    case Qt::Key_C:
        setCaliperMode(!m_caliperMode);
        break;
    case Qt::Key_M:
        if (m_state.calipers) {
            m_state.calipers->marchOut = !m_state.calipers->marchOut;
            update();
        }
        break;
    case Qt::Key_Escape:
        clearCalipers();
        break;
    default:
        QWidget::keyPressEvent(e);
        return;
    }
    e->accept();
}

void EcgStripView::wheelEvent(QWheelEvent* e) {
    const int steps = e->angleDelta().y() / 120;
    if (steps == 0)
        return;
    if (e->modifiers() & Qt::ControlModifier)
        zoomTime(std::pow(2.0, steps));
    else
        goToTime(m_state.startSeconds - steps * pageSeconds() / 10);
    e->accept();
}

void EcgStripView::mousePressEvent(QMouseEvent* e) {
    if (e->button() != Qt::LeftButton)
        return;
    const double t = timeAt(e->position());
    if (m_caliperMode && !std::isnan(t)) {
        const int lead = std::max(0, panelLeadAt(e->position()));
        const double snapped = (e->modifiers() & Qt::ShiftModifier) ? t : snapToPeak(t, lead);
        setCalipers(snapped, snapped, lead);
        m_dragging = true;
        return;
    }
    m_dragging = true;
    m_dragOrigin = e->position();
    m_dragStartSeconds = m_state.startSeconds;
    setCursor(Qt::ClosedHandCursor);
}

void EcgStripView::mouseMoveEvent(QMouseEvent* e) {
    if (!m_dragging)
        return;
    if (m_caliperMode && m_state.calipers) {
        const double t = timeAt(e->position());
        if (!std::isnan(t))
            setCalipers(m_state.calipers->t1, t, m_state.calipers->lead);
        return;
    }
    const double dx = e->position().x() - m_dragOrigin.x();
    goToTime(m_dragStartSeconds - dx / m_state.scale.pxPerSecond());
}

void EcgStripView::mouseReleaseEvent(QMouseEvent* e) {
    mouseMoveEvent(e);
    if (m_dragging && m_caliperMode && m_state.calipers && !(e->modifiers() & Qt::ShiftModifier)) {
        const EcgCalipers c = *m_state.calipers;
        setCalipers(c.t1, snapToPeak(c.t2, c.lead), c.lead);
    }
    m_dragging = false;
    setCursor(m_caliperMode ? Qt::CrossCursor : Qt::ArrowCursor);
}

bool EcgStripView::nudgeCaliper(bool second, int samples) {
    if (!m_state.calipers || !m_source)
        return false;
    EcgCalipers c = *m_state.calipers;
    const double step = samples / m_source->sampleRate(c.lead);
    setCalipers(second ? c.t1 : c.t1 + step, second ? c.t2 + step : c.t2, c.lead);
    return true;
}

void EcgStripView::contextMenuEvent(QContextMenuEvent* e) {
    const int lead = panelLeadAt(e->pos());
    if (lead < 0 || !m_source)
        return;
    QMenu menu(this);
    menu.addSection(tr("Gain of %1").arg(m_source->leadNames().value(lead)));
    const double current = m_state.gainFor(lead);
    for (double g : EcgPaperScale::kGains) {
        QAction* a = menu.addAction(tr("%1 mm/mV").arg(QLocale().toString(g)), this,
                                    [this, lead, g] { setLeadGain(lead, g); });
        a->setCheckable(true);
        a->setChecked(g == current);
    }
    menu.addSeparator();
    menu.addAction(tr("Use the global gain"), this, [this, lead] { setLeadGain(lead, 0.0); });
    menu.exec(e->globalPos());
}

void EcgStripView::showEvent(QShowEvent* e) {
    // The window may have moved to another screen since construction.
    m_state.scale.pxPerMm = EcgPaperScale::screenPxPerMm(screen(), m_calibration);
    QWidget::showEvent(e);
}

} // namespace cardiolens::widgets
