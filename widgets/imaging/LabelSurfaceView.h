#pragma once

#include "imaging/FrameDisplay.h"
#include "imaging/LabelCine.h"
#include "vtk/VtkHostWidget.h"

namespace cardiolens::widgets {

/// 3-D surfaces of the labelled structures of one labelled cine frame (discrete flying
/// edges on the label map, lightly smoothed), coloured from the label table; drag to
/// rotate, wheel to zoom. For demos and a quick look at a segmentation's shape.
class LabelSurfaceView : public VtkHostWidget {
    Q_OBJECT
public:
    explicit LabelSurfaceView(QWidget* parent = nullptr);
    ~LabelSurfaceView() override;

    /// Builds the surfaces of the labelled frame closest to cine \a phase (not owned; the
    /// surfaces are copies, \a labels may go afterwards).
    void setLabels(const imaging::LabelCine* labels, int phase,
                   const imaging::LabelOverlayStyle& style);
    /// Number of surface triangles shown (0 when nothing is labelled).
    long long triangleCount() const;

private:
    struct Private;
    Private* d;
};

} // namespace cardiolens::widgets
