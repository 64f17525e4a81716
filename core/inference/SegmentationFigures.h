#pragma once

#include "imaging/CineVolume.h"
#include "imaging/LabelVolume.h"

#include <QJsonObject>

namespace cardiolens::inference {

/// Clinical figures from a predicted label map, for InferenceResult::details:
/// - several slices x several phases (short-axis cine): "cine_metrics" = computeCineMetrics
///   of the predicted labels (LV EDV / ESV / SV / EF, myocardial mass, ED / ES as the phases
///   of largest / smallest LV blood pool, per-phase volumes), or "cine_metrics_error";
/// - one slice x several frames (an echo clip): "lv_area" = per-frame LV blood-pool area in
///   mm^2, ED / ES frames (largest / smallest area) and, for ultrasound (modality US or a
///   video), single-plane area-length volumes and EF, which assume an apical view.
/// Only the first \a phasesSegmented phases are used (a run cut short by maxFrames).
/// Returns an empty object when there is nothing to measure (one frame, no LV label).
QJsonObject segmentationFigures(const imaging::LabelVolume& labels,
                                const imaging::CineVolume& image, int phasesSegmented);

} // namespace cardiolens::inference
