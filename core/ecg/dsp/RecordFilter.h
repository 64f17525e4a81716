#pragma once

#include "ecg/EcgRecord.h"
#include "ecg/dsp/ZeroPhaseFilter.h"

#include <vector>

namespace cardiolens::ecg {

/// A page of one lead in physical units, zero-phase filtered: reads [first, last) plus the
/// filter's warm-up span on both sides (clipped to the record), so a viewer can filter
/// what it shows without touching the rest of a long record. Missing samples are held at
/// the last valid value for filtering and come back as NaN. Empty on a bad lead or range.
std::vector<float> filteredPage(const EcgRecord& record, int lead, std::int64_t first,
                                std::int64_t last, const FilterSettings& settings);

} // namespace cardiolens::ecg
