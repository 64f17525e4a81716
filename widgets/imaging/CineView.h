#pragma once

#include "imaging/CaseAnnotations.h"
#include "imaging/CinePlayback.h"
#include "imaging/FrameDisplay.h"
#include "vtk/VtkHostWidget.h"

#include <QElapsedTimer>
#include <QPointF>
#include <QTimer>

#include <optional>
#include <vector>

namespace cardiolens::imaging {
class CineVolume;
class LabelVolume;
} // namespace cardiolens::imaging

class QPainter;

namespace cardiolens::widgets {

class CineEditor;

/// One slice of a cine at one phase, drawn by VTK: grey or colour (echo) frames, label
/// overlay (fill or outline), expert point contours, window/level, zoom/pan, pixel readout,
/// scale bar and orientation letters. Keys: Up/Down slice, Left/Right phase, Space play,
/// A auto window, R reset window and view, I sharp/interpolated. Mouse: right-drag
/// window/level, left- or middle-drag pan, wheel zoom, Ctrl+wheel slice.
/// Each frame is windowed and label-blended into one RGB image buffer allocated once per
/// volume: stepping and playback allocate no image memory. The volume, labels and contours are not
/// owned; they must outlive their use here (set them to null first).
class CineView : public VtkHostWidget {
    Q_OBJECT
public:
    explicit CineView(QWidget* parent = nullptr);
    ~CineView() override;

    void setVolume(const imaging::CineVolume* volume);
    const imaging::CineVolume* volume() const { return m_volume; }
    void setLabels(const imaging::LabelCine* labels);
    const imaging::LabelCine* labels() const { return m_labels; }
    void setContours(const std::vector<imaging::FrameContour>* contours);
    /// Working labels being edited (every frame present): shown instead of setLabels()'s
    /// while set. Not owned. refreshFrame() redraws after they change.
    void setWorkingLabels(const imaging::LabelVolume* labels);
    const imaging::LabelVolume* workingLabels() const { return m_workingLabels; }
    /// Edit mode: \a editor (not owned, may be null) gets the mouse and keys first.
    void setEditor(CineEditor* editor);
    CineEditor* editor() const { return m_editor; }
    /// Re-blends the shown frame (after its labels changed) and schedules a repaint.
    void refreshFrame();
    /// Repaints the text/tool layer over the picture (e.g. a moving brush cursor), all of
    /// it or only \a area (widget coordinates): small areas keep software GL fast.
    void refreshOverlay(const QRect& area = {});
    void setOverlayStyle(const imaging::LabelOverlayStyle& style);
    const imaging::LabelOverlayStyle& overlayStyle() const { return m_style; }
    void setOverlayVisible(bool visible);
    bool overlayVisible() const { return m_overlayVisible; }
    /// A caption drawn in the top-right corner ("Reference", "Prediction").
    void setCaption(const QString& caption);

    void showFrame(int slice, int phase);
    int slice() const { return m_slice; }
    int phase() const { return m_phase; }
    void stepSlice(int delta);
    void stepPhase(int delta);

    imaging::CinePlayback& playback() { return m_playback; }
    bool isPlaying() const { return m_timer.isActive(); }
    void play();
    void pause();
    void togglePlay();

    void setWindowLevel(const imaging::WindowLevel& wl);
    imaging::WindowLevel windowLevel() const { return m_wl; }
    void autoWindowLevel();  ///< 1st..99th percentile of the shown frame.
    void resetWindowLevel(); ///< The window chosen when the volume was opened.

    /// Sharp pixels (default) or linear interpolation between them (key I).
    void setInterpolated(bool on);
    bool isInterpolated() const;

    void zoomBy(double factor);
    void panByPixels(QPointF delta); ///< Widget (logical) pixels.
    void resetView();

    /// Where the centre of frame pixel (x, y) lands, in widget (logical) coordinates.
    QPointF widgetPointForPixel(double x, double y) const;
    /// Continuous frame coordinates (pixel centres on integers) of widget point \a p,
    /// also outside the frame.
    QPointF framePointAt(QPointF p) const;
    /// Widget (logical) pixels per frame pixel along x and y at the current zoom.
    QPointF widgetPixelsPerFramePixel() const;
    /// The frame pixel under widget point \a p, if any.
    std::optional<QPoint> pixelAt(QPointF p) const;
    /// "x, y  value  (mm)" readout for frame pixel \a pixel.
    QString readout(QPoint pixel) const;
    /// The scale bar's length label at the current zoom: millimetres when the volume's
    /// pixel spacing is known, pixels otherwise. Empty without a volume.
    QString scaleBarLabel() const;
    /// How many times a frame was windowed and blended into the texture (once per change
    /// of frame, window or overlay): lets tests catch redundant work per playback tick.
    int frameUploadCount() const { return m_frameUploads; }

Q_SIGNALS:
    void frameChanged(int slice, int phase);
    void windowLevelChanged(double window, double level);
    void playingChanged(bool playing);
    void cursorReadout(const QString& text);

protected:
    void resizeGL(int w, int h) override;
    void paintGL() override;
    void mousePressEvent(QMouseEvent* e) override;
    void mouseReleaseEvent(QMouseEvent* e) override;
    void mouseMoveEvent(QMouseEvent* e) override;
    void wheelEvent(QWheelEvent* e) override;
    void keyPressEvent(QKeyEvent* e) override;
    void leaveEvent(QEvent* e) override;

private:
    void allocateBuffers();
    void uploadFrame();
    void onTick();
    void drawAnnotations(QPainter& p);
    enum class AnnotationArea { Top, Bottom, All };
    void updateAnnotations(AnnotationArea area);
    double mmPerWidgetPixel() const;
    double scaleBarLength() const; ///< A round length near 1/5 of the view width.
    struct Private;
    Private* d;
    const imaging::CineVolume* m_volume = nullptr;
    const imaging::LabelCine* m_labels = nullptr;
    const std::vector<imaging::FrameContour>* m_contours = nullptr;
    const imaging::LabelVolume* m_workingLabels = nullptr;
    CineEditor* m_editor = nullptr;
    imaging::LabelOverlayStyle m_style = imaging::LabelOverlayStyle::fromLabelTable();
    bool m_overlayVisible = true;
    QString m_caption;
    int m_slice = 0;
    int m_phase = 0;
    imaging::WindowLevel m_wl;
    imaging::WindowLevel m_initialWl;
    imaging::CinePlayback m_playback;
    QTimer m_timer;
    QElapsedTimer m_clock;
    Qt::MouseButton m_dragButton = Qt::NoButton;
    QPointF m_dragLast;
    std::optional<QPoint> m_hoverPixel;
    QWidget* m_layer = nullptr;
    int m_frameUploads = 0;
};

} // namespace cardiolens::widgets
