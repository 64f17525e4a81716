#pragma once

#include "imaging/CaseAnnotations.h"
#include "imaging/FrameDisplay.h"

#include <QImage>
#include <QWidget>

#include <vector>

namespace cardiolens::imaging {
class CineVolume;
}

namespace cardiolens::widgets {

/// A grid of thumbnails of a cine: every slice at one phase, or every phase of one slice,
/// with the label overlay. Painted by Qt from frames windowed in core (no GL context per
/// tile). Clicking a tile selects that frame. The volume and labels are not owned.
class LightboxView : public QWidget {
    Q_OBJECT
public:
    enum class Mode { SlicesAtPhase, PhasesOfSlice };

    explicit LightboxView(QWidget* parent = nullptr);

    void setVolume(const imaging::CineVolume* volume);
    void setLabels(const imaging::LabelCine* labels);
    void setOverlayStyle(const imaging::LabelOverlayStyle& style, bool visible);
    void setWindowLevel(const imaging::WindowLevel& wl);
    void setMode(Mode mode);
    Mode mode() const { return m_mode; }
    /// The current frame: its tile is framed; in SlicesAtPhase mode the phase picks the
    /// tiles' phase, in PhasesOfSlice mode the slice.
    void setFrame(int slice, int phase);

    int tileCount() const;
    /// Rectangle of tile \a index in widget coordinates (image area, aspect kept).
    QRect tileRect(int index) const;

Q_SIGNALS:
    void frameActivated(int slice, int phase);

protected:
    void paintEvent(QPaintEvent* e) override;
    void mousePressEvent(QMouseEvent* e) override;
    void resizeEvent(QResizeEvent* e) override;

private:
    void invalidate();
    void renderTiles();
    std::pair<int, int> frameOfTile(int index) const;
    int columns() const;

    const imaging::CineVolume* m_volume = nullptr;
    const imaging::LabelCine* m_labels = nullptr;
    imaging::LabelOverlayStyle m_style = imaging::LabelOverlayStyle::fromLabelTable();
    bool m_overlay = true;
    imaging::WindowLevel m_wl;
    Mode m_mode = Mode::SlicesAtPhase;
    int m_slice = 0;
    int m_phase = 0;
    std::vector<QImage> m_tiles; ///< Allocated once per volume, redrawn in place.
    bool m_dirty = true;
};

} // namespace cardiolens::widgets
