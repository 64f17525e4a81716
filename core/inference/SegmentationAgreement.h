#pragma once

#include "common/Result.h"
#include "imaging/CardiacLabel.h"
#include "imaging/LabelVolume.h"
#include "inference/SegmentationReference.h"

#include <QJsonObject>

#include <cstdint>
#include <optional>
#include <vector>

namespace cardiolens::inference {

/// Overlap of one label between a prediction and a reference, over the frames whose
/// reference annotates that label.
struct LabelAgreement {
    imaging::CardiacLabel label = imaging::CardiacLabel::Background;
    int frames = 0;       ///< Frames annotating the label.
    int framesScored = 0; ///< Of those, frames where either side holds the label.
    /// Mean over scored frames of the per-frame Dice (the training scripts' figure).
    double meanDice = 0;
    /// 2|P∩R| / (|P|+|R|) with voxels summed over all frames: large frames weigh more.
    double pooledDice = 0;
    std::int64_t predictedVoxels = 0;
    std::int64_t referenceVoxels = 0;
    std::int64_t overlapVoxels = 0;
};

/// Per-label agreement of a segmentation with a reference.
struct SegmentationAgreement {
    std::vector<LabelAgreement> labels; ///< Labels the reference annotates anywhere.
    int framesCompared = 0;             ///< Frames annotating at least one label.
    QString reference;                  ///< ReferenceLabels::description.

    const LabelAgreement* find(imaging::CardiacLabel label) const;
    /// {"reference": ..., "frames_compared": n, "labels": {"lv_blood_pool": {"dice": mean,
    /// "dice_pooled": ..., "frames": ..., "predicted_voxels": ...}, ...}}.
    QJsonObject toJson() const;
};

/// Dice of each label the reference annotates, counting only frames that annotate it.
/// A frame where neither side holds the label has no Dice and is left out of the mean.
/// The two volumes must have the same extent.
Result<SegmentationAgreement> compareSegmentation(const imaging::LabelVolume& predicted,
                                                  const ReferenceLabels& reference);

} // namespace cardiolens::inference
