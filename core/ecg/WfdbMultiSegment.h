#pragma once

#include "common/Result.h"
#include "ecg/EcgRecord.h"
#include "ecg/WfdbHeader.h"

namespace cardiolens::ecg {

/// Multi-segment WFDB records ("name/N" on the record line): segments are ordinary
/// single-segment records played one after another, "~" segments are gaps. With a layout
/// segment (the first one, 0 samples long), segments may carry any subset of the layout's
/// signals in any order; signals are matched by name and missing ones read as invalid.
class WfdbMultiSegment {
public:
    static Result<EcgRecord> open(const WfdbHeader& header, const QString& headerPath);
};

} // namespace cardiolens::ecg
