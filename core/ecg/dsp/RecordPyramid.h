#pragma once

#include "common/Result.h"
#include "ecg/EcgRecord.h"
#include "ecg/dsp/PyramidBuilder.h"

#include <memory>

namespace cardiolens::ecg {

/// A FrameReader over a record's raw samples (one decode pass for all leads). Records whose
/// leads all run at the frame rate only: multi-rate records (samples per frame > 1) are
/// refused with an error naming the file.
Result<FrameReader> recordFrameReader(const EcgRecord& record);

/// Starts building the min/max pyramid of \a record on a background thread. The builder
/// keeps a copy of the record (its signal source is shared, so this is cheap).
Result<std::unique_ptr<PyramidBuilder>> startPyramidBuild(const EcgRecord& record,
                                                          int baseBucket = 128);

} // namespace cardiolens::ecg
