#pragma once

#include "imaging/ImageSlice.h"
#include "vtk/VtkHostWidget.h"

#include <QPointF>

namespace cardiolens::widgets {

/// Shows one greyscale image slice with window/level, zoom and pan (VTK image style:
/// left-drag window/level, right-drag or wheel zoom, middle-drag pan, 'r' resets the
/// window/level, Shift+R the view).
/// Pixel (0,0) of the slice is drawn at the top-left, as radiologists expect.
class ImageSliceView : public VtkHostWidget {
    Q_OBJECT
public:
    explicit ImageSliceView(QWidget* parent = nullptr);
    ~ImageSliceView() override;

    void setSlice(const imaging::ImageSlice& slice);
    const imaging::ImageSlice& slice() const { return m_slice; }

    /// Window/level in the slice's physical units.
    void setWindowLevel(double window, double level);
    double window() const;
    double level() const;
    /// Window/level that maps the 1st..99th percentile of the slice to black..white.
    void autoWindowLevel();

    /// Where the centre of slice pixel (x, y) lands, in widget (logical) coordinates.
    QPointF widgetPointForPixel(double x, double y) const;

Q_SIGNALS:
    void windowLevelChanged(double window, double level);

protected:
    void resizeGL(int w, int h) override;

private:
    void resetCamera();
    void notifyIfWindowLevelChanged();
    struct Private;
    Private* d;
    imaging::ImageSlice m_slice;
    double m_emittedWindow = 0.0;
    double m_emittedLevel = 0.0;
};

} // namespace cardiolens::widgets
