#pragma once

#include "imaging/LabelVolume.h"
#include "labels/Revision.h"

#include <cstdint>
#include <vector>

namespace cardiolens::labels {

/// What a new revision records besides its payload. savedMs is set by the store;
/// createdMs 0 means "now".
struct NewRevision {
    qint64 caseId = 0;
    std::optional<qint64> parentId;
    Origin origin;
    ReviewState state = ReviewState::InProgress;
    qint64 createdMs = 0;
    double editSeconds = 0.0;
    QString comment;
};

/// A loaded segmentation revision: metadata, labels, and per frame (CineVolume::frameIndex
/// order) whether a person touched it.
struct SegmentationRevision {
    RevisionInfo info;
    imaging::LabelVolume labels;
    std::vector<std::uint8_t> touched;
};

} // namespace cardiolens::labels
