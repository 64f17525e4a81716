#pragma once

#include "common/Result.h"
#include "ecg/EcgRecord.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace cardiolens::ecg {

/// Beat positions of a record from \a source: "detector" runs the QRS detector, anything
/// else names an annotator whose beat annotations are taken ("atr").
Result<std::vector<std::int64_t>> recordBeats(const EcgRecord& record, const QString& source);

} // namespace cardiolens::ecg
