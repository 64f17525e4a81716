#pragma once

#include "common/Result.h"
#include "imaging/CineVolume.h"
#include "imaging/LabelConvention.h"
#include "inference/InferenceResult.h"
#include "inference/JobControl.h"
#include "inference/ModelSession.h"

#include <functional>

namespace cardiolens::inference {

struct SegmentationOptions {
    int batchSize = 2; ///< Frames per forward; cancel is checked between batches (~100 ms each).
    bool postprocess = true; ///< Largest component per label + hole filling.
    int maxFrames = -1;      ///< Run on the first N frames only (benchmarks); -1 = all.
    /// Expert labels to score the prediction against (details "agreement": per-label Dice, see
    /// SegmentationAgreement): a Sunnybrook case folder or a label file on the image's grid;
    /// "auto" = the image's own source when it is part of a Sunnybrook case. Empty = none.
    QString referencePath;
    imaging::LabelConvention referenceConvention = imaging::LabelConvention::Internal;
    /// ED/ES first (a cine of several slices and phases, no maxFrames): the middle slice of
    /// every phase, whose largest / smallest LV blood pool picks ED / ES (imaging::edEsByLvSize,
    /// the definition the figures apply to whole volumes), then the other slices of ED and
    /// ES; then edEsReady is called and the progress stage says "ED and ES segmented"; then
    /// the rest.
    bool edEsFirst = false;
    /// Called on the worker thread once the ED and ES phases are final; the other phases are
    /// still being written, so copy what is needed (those two phases) before returning.
    std::function<void(const imaging::LabelVolume& labels, int edPhase, int esPhase)> edEsReady;
};

/// Slice-wise 2-D segmentation of every slice x phase of \a image (cine MRI, or an echo clip
/// as 1 slice x N frames: the same code path). Each frame is normalised, resampled to
/// the manifest's size (bilinear; a 2x reduction is the 2x2 mean), segmented, and the labels are
/// mapped back to the frame's grid (nearest) and to the internal CardiacLabel values through each
/// output label's "code" (a label key such as "lv_blood_pool"). The LabelVolume keeps the image
/// geometry.
Result<InferenceResult> runSegmentation(ModelSession& session, const imaging::CineVolume& image,
                                        const JobControl& control,
                                        const SegmentationOptions& options = {});

/// Bilinear resampling of a width x height float frame to outW x outH.
std::vector<float> resizeBilinear(std::span<const float> in, int width, int height, int outW,
                                  int outH);
/// Intensity normalisation of one frame as the manifest asks.
void normaliseFrame(std::span<float> frame, const InputContract& contract);

} // namespace cardiolens::inference
