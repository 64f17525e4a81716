#pragma once

#include "common/Result.h"
#include "ecg/EcgRecord.h"

#include <cstdint>
#include <vector>

namespace cardiolens::ecg {

/// Fixed-length windows around beats, band-passed (0.5-40 Hz, zero phase), sampled at a
/// coarse step and baseline-corrected per lead: the features beats are clustered on.
struct BeatWindows {
    std::vector<int> leads; ///< Record leads used, by QRS energy.
    int samplesPerLead = 0;
    int dims = 0;              ///< leads x samplesPerLead.
    std::vector<float> values; ///< beats x dims, lead-major within a beat, mV.

    const float* row(std::size_t beat) const { return values.data() + beat * std::size_t(dims); }
};

struct BeatWindowSpec {
    double preMs = 150.0;
    double postMs = 250.0;
    double stepMs = 10.0;
    int maxLeads = 3;
};

/// Reads the record in chunks (a 24-h Holter never sits in memory as floats).
Result<BeatWindows> extractBeatWindows(const EcgRecord& record,
                                       const std::vector<std::int64_t>& beats,
                                       const BeatWindowSpec& spec);

} // namespace cardiolens::ecg
