#pragma once

#include "common/Result.h"
#include "imaging/CineMetrics.h"
#include "imaging/CineVolume.h"
#include "imaging/DatasetCase.h"
#include "imaging/LabelCine.h"
#include "imaging/Polygon.h"

#include <cstdint>
#include <vector>

namespace cardiolens::imaging {

/// One expert point contour drawn on frame (slice, phase) of a cine.
struct FrameContour {
    int slice = 0;
    int phase = 0;
    SunnybrookContourKind kind = SunnybrookContourKind::Inner;
    Polygon points; ///< Pixel coordinates of the cine frame.
};

/// A case's annotations placed on the grid of its cine image, for display and metrics:
/// internal labels with one stored phase per labelled cine frame (labels.nz equals the
/// image's slice count, labels.frameNumbers the cine frames), plus point contours.
struct CaseAnnotations {
    LabelCine labels;
    std::vector<FrameContour> contours;
    CineMetricsOptions metricsOptions;
    QStringList warnings;
};

/// The labels (ACDC ED/ES _gt files, M&Ms _sa_gt) or contours (Sunnybrook, matched to
/// frames by slice position and trigger time) of \a datasetCase on the grid of \a image.
/// Errors when the case has no annotations or they do not fit the image.
Result<CaseAnnotations> annotationsOnImage(const DatasetCase& datasetCase, const CineVolume& image);

/// Labels of (slice, phase) in \a labels, or nullptr when that frame is not labelled.
const std::uint8_t* labelFrame(const LabelCine& labels, int slice, int phase);

} // namespace cardiolens::imaging
