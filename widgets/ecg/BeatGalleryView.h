#pragma once

#include "ecg/cluster/BeatClustering.h"

#include <QWidget>

#include <map>
#include <memory>
#include <vector>

namespace cardiolens::widgets {

/// The Holter template gallery: one tile per beat cluster with its example beats overlaid,
/// its median beat, size, mean prematurity and current label mix. Keyboard first: arrows
/// move the selection, a MIT mnemonic (N, V, A, S, F, Q, L, R, ...) asks to label the
/// selected cluster, Enter / Shift+Enter step through its members on the strip.
class BeatGalleryView : public QWidget {
    Q_OBJECT
public:
    enum class Order { Size, OutliersFirst, LeastConsistentFirst };

    explicit BeatGalleryView(QWidget* parent = nullptr);

    void setClustering(std::shared_ptr<const ecg::BeatClustering> clustering);
    /// Label counts per cluster (MIT code -> beats), parallel to the clusters.
    void setLabelMix(std::vector<std::map<int, int>> mix);
    void setOrder(Order order);

    int selectedCluster() const;
    void selectCluster(int cluster);
    /// Tile rectangle of a cluster in widget coordinates (empty when not laid out).
    QRect tileRect(int cluster) const;
    QSize sizeHint() const override;
    int heightForWidth(int width) const override;
    bool hasHeightForWidth() const override { return true; }

Q_SIGNALS:
    void labelRequested(int cluster, int code);
    /// A member beat to show on the strip (sample of the record).
    void beatRequested(qint64 sample);
    void selectionChanged(int cluster);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void paintTile(QPainter& p, const QRect& r, int cluster) const;
    void rebuildOrder();
    int columns(int width) const;
    int clusterAt(const QPoint& pos) const;
    void stepMember(int delta);

    std::shared_ptr<const ecg::BeatClustering> m_clustering;
    std::vector<std::map<int, int>> m_mix;
    std::vector<int> m_order; ///< Display position -> cluster index.
    Order m_orderKind = Order::Size;
    int m_selected = -1; ///< Display position.
    int m_memberCursor = -1;
};

} // namespace cardiolens::widgets
