#include "ecg/BeatGalleryView.h"

#include "ecg/Annotation.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace cardiolens::widgets {

namespace {
constexpr int kTileW = 168;
constexpr int kTileH = 132;
constexpr int kGap = 6;

// Share of a cluster's members whose label differs from its most common one.
double disagreement(const std::map<int, int>& mix) {
    int total = 0, best = 0;
    for (const auto& [code, n] : mix) {
        total += n;
        best = std::max(best, n);
    }
    return total ? 1.0 - double(best) / double(total) : 0.0;
}

QString mixText(const std::map<int, int>& mix) {
    std::vector<std::pair<int, int>> items(mix.begin(), mix.end());
    std::sort(items.begin(), items.end(), [](auto& a, auto& b) { return a.second > b.second; });
    QStringList parts;
    for (std::size_t i = 0; i < std::min<std::size_t>(3, items.size()); ++i)
        parts << QStringLiteral("%1 %2")
                     .arg(ecg::AnnotationCodes::mnemonic(items[i].first))
                     .arg(items[i].second);
    return parts.join(QStringLiteral(" "));
}
} // namespace

BeatGalleryView::BeatGalleryView(QWidget* parent) : QWidget(parent) {
    setFocusPolicy(Qt::StrongFocus);
    setMinimumWidth(kTileW + 2 * kGap);
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
}

void BeatGalleryView::setClustering(std::shared_ptr<const ecg::BeatClustering> clustering) {
    m_clustering = std::move(clustering);
    m_mix.clear();
    m_selected = m_clustering && !m_clustering->clusters.empty() ? 0 : -1;
    m_memberCursor = -1;
    rebuildOrder();
    updateGeometry();
    update();
}

void BeatGalleryView::setLabelMix(std::vector<std::map<int, int>> mix) {
    m_mix = std::move(mix);
    if (m_orderKind == Order::LeastConsistentFirst)
        rebuildOrder();
    update();
}

void BeatGalleryView::setOrder(Order order) {
    const int cluster = selectedCluster();
    m_orderKind = order;
    rebuildOrder();
    selectCluster(cluster);
}

void BeatGalleryView::rebuildOrder() {
    m_order.clear();
    if (!m_clustering)
        return;
    const auto& clusters = m_clustering->clusters;
    for (std::size_t c = 0; c < clusters.size(); ++c)
        m_order.push_back(int(c));
    auto size = [&](int c) {
        return clusters[std::size_t(c)].members.size();
    };
    switch (m_orderKind) {
    case Order::Size:
        break; // clusters come largest first
    case Order::OutliersFirst:
        std::stable_sort(m_order.begin(), m_order.end(), [&](int a, int b) {
            return clusters[std::size_t(a)].outlier > clusters[std::size_t(b)].outlier;
        });
        break;
    case Order::LeastConsistentFirst:
        std::stable_sort(m_order.begin(), m_order.end(), [&](int a, int b) {
            const double da =
                std::size_t(a) < m_mix.size() ? disagreement(m_mix[std::size_t(a)]) : 0;
            const double db =
                std::size_t(b) < m_mix.size() ? disagreement(m_mix[std::size_t(b)]) : 0;
            return da != db ? da > db : size(a) > size(b);
        });
        break;
    }
}

int BeatGalleryView::selectedCluster() const {
    return m_selected >= 0 && m_selected < int(m_order.size()) ? m_order[std::size_t(m_selected)]
                                                               : -1;
}

void BeatGalleryView::selectCluster(int cluster) {
    const auto it = std::find(m_order.begin(), m_order.end(), cluster);
    m_selected = it == m_order.end() ? (m_order.empty() ? -1 : 0) : int(it - m_order.begin());
    m_memberCursor = -1;
    update();
    Q_EMIT selectionChanged(selectedCluster());
}

int BeatGalleryView::columns(int width) const {
    return std::max(1, (width - kGap) / (kTileW + kGap));
}

int BeatGalleryView::heightForWidth(int width) const {
    const int rows = (int(m_order.size()) + columns(width) - 1) / columns(width);
    return kGap + rows * (kTileH + kGap);
}

QSize BeatGalleryView::sizeHint() const {
    return {2 * kTileW + 3 * kGap, heightForWidth(2 * kTileW + 3 * kGap)};
}

QRect BeatGalleryView::tileRect(int cluster) const {
    const auto it = std::find(m_order.begin(), m_order.end(), cluster);
    if (it == m_order.end())
        return {};
    const int pos = int(it - m_order.begin());
    const int cols = columns(width());
    return {kGap + (pos % cols) * (kTileW + kGap), kGap + (pos / cols) * (kTileH + kGap), kTileW,
            kTileH};
}

int BeatGalleryView::clusterAt(const QPoint& pos) const {
    for (int c : m_order)
        if (tileRect(c).contains(pos))
            return c;
    return -1;
}

void BeatGalleryView::paintEvent(QPaintEvent* event) {
    QPainter p(this);
    p.fillRect(rect(), palette().window());
    if (!m_clustering) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, tr("No beat templates yet"));
        return;
    }
    p.setRenderHint(QPainter::Antialiasing);
    for (int c : m_order) {
        const QRect r = tileRect(c);
        if (r.intersects(event->rect()))
            paintTile(p, r, c);
    }
}

void BeatGalleryView::paintTile(QPainter& p, const QRect& r, int cluster) const {
    const ecg::BeatCluster& c = m_clustering->clusters[std::size_t(cluster)];
    const bool selected = cluster == selectedCluster();
    p.setPen(selected ? QPen(palette().color(QPalette::Highlight), 2)
                      : QPen(QColor(200, 200, 200)));
    p.setBrush(Qt::white);
    p.drawRoundedRect(QRectF(r).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);

    // First lead of the window: examples in grey, the median in black, shared scale.
    const int n = m_clustering->windowSamples;
    const QRectF plot = QRectF(r).adjusted(6, 18, -6, -30);
    float lo = 0.0f, hi = 0.0f;
    auto extent = [&](const std::vector<float>& v) {
        for (int k = 0; k < n && k < int(v.size()); ++k) {
            lo = std::min(lo, v[std::size_t(k)]);
            hi = std::max(hi, v[std::size_t(k)]);
        }
    };
    extent(c.median);
    for (const auto& e : c.examples)
        extent(e);
    const double span = std::max(0.2, double(hi - lo));
    auto path = [&](const std::vector<float>& v) {
        QPainterPath pp;
        for (int k = 0; k < n && k < int(v.size()); ++k) {
            const QPointF pt(plot.left() + plot.width() * k / std::max(1, n - 1),
                             plot.bottom() - plot.height() * (v[std::size_t(k)] - lo) / span);
            k == 0 ? pp.moveTo(pt) : pp.lineTo(pt);
        }
        return pp;
    };
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(QColor(170, 170, 190), 1));
    for (const auto& e : c.examples)
        p.drawPath(path(e));
    p.setPen(QPen(c.outlier ? QColor(190, 60, 40) : Qt::black, 1.6));
    p.drawPath(path(c.median));

    // Header: rank and size; footer: prematurity and label mix.
    QFont f = font();
    f.setPointSizeF(std::max(7.0, f.pointSizeF() - 1.0));
    p.setFont(f);
    p.setPen(Qt::black);
    const QRect header = r.adjusted(6, 2, -6, 0);
    p.drawText(header, Qt::AlignLeft | Qt::AlignTop,
               tr("#%1  %2 beats").arg(cluster + 1).arg(c.members.size()));
    if (c.premature || c.outlier)
        p.drawText(header, Qt::AlignRight | Qt::AlignTop,
                   c.outlier ? tr("outlier") : tr("premature"));
    const QRect footer = r.adjusted(6, 0, -6, -3);
    p.drawText(footer, Qt::AlignLeft | Qt::AlignBottom,
               tr("RR %1").arg(c.meanPrematurity, 0, 'f', 2));
    if (std::size_t(cluster) < m_mix.size())
        p.drawText(footer, Qt::AlignRight | Qt::AlignBottom, mixText(m_mix[std::size_t(cluster)]));
}

void BeatGalleryView::mousePressEvent(QMouseEvent* event) {
    const int c = clusterAt(event->position().toPoint());
    if (c >= 0)
        selectCluster(c);
    setFocus();
}

void BeatGalleryView::mouseDoubleClickEvent(QMouseEvent* event) {
    if (clusterAt(event->position().toPoint()) >= 0)
        stepMember(+1);
}

void BeatGalleryView::stepMember(int delta) {
    const int c = selectedCluster();
    if (c < 0 || !m_clustering)
        return;
    const auto& members = m_clustering->clusters[std::size_t(c)].members;
    const int n = int(members.size());
    m_memberCursor = ((m_memberCursor < 0 ? (delta > 0 ? -1 : 0) : m_memberCursor) + delta + n) % n;
    Q_EMIT beatRequested(qint64(m_clustering->beats[members[std::size_t(m_memberCursor)]]));
}

void BeatGalleryView::keyPressEvent(QKeyEvent* event) {
    const int cols = columns(width());
    const int count = int(m_order.size());
    auto moveTo = [&](int pos) {
        if (count == 0)
            return;
        selectCluster(m_order[std::size_t(std::clamp(pos, 0, count - 1))]);
    };
    switch (event->key()) {
    case Qt::Key_Left:
        return moveTo(m_selected - 1);
    case Qt::Key_Right:
        return moveTo(m_selected + 1);
    case Qt::Key_Up:
        return moveTo(m_selected - cols);
    case Qt::Key_Down:
        return moveTo(m_selected + cols);
    case Qt::Key_Return:
    case Qt::Key_Enter:
        return stepMember(event->modifiers() & Qt::ShiftModifier ? -1 : +1);
    default:
        break;
    }
    const QString text = event->text();
    if (text.size() == 1 && selectedCluster() >= 0 && !(event->modifiers() & Qt::ControlModifier)) {
        const int code = ecg::AnnotationCodes::fromMnemonic(text);
        if (code > 0 && ecg::AnnotationCodes::isBeat(code)) {
            Q_EMIT labelRequested(selectedCluster(), code);
            return;
        }
    }
    QWidget::keyPressEvent(event);
}

} // namespace cardiolens::widgets
