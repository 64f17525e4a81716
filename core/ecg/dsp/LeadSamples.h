#pragma once

#include "ecg/EcgRecord.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace cardiolens::ecg {

/// Factor from a lead's units to millivolts; 0 for units that are not a voltage (PLETH
/// "NU", ABP "mmHg", RESP), which must not be mixed with the ECG leads.
float millivoltFactor(const QString& units);

/// The ECG leads sampled at the frame rate (voltage units), or every lead at the frame rate
/// when none is a voltage (a CSV without units); with \a only >= 0, just that lead.
/// Each entry: lead index and its factor to mV (1 for unitless leads).
struct LeadChoice {
    int lead = 0;
    float toMillivolt = 1.0f;
};
std::vector<LeadChoice> ecgLeadsAtFrameRate(const EcgRecord& record, int only = -1);

/// Samples of one lead in mV with gaps (NaN) held at the last valid value, so IIR filters
/// never see a NaN.
std::vector<float> heldLeadMillivolts(const EcgRecord& record, const LeadChoice& lead,
                                      std::int64_t first, std::int64_t count);

} // namespace cardiolens::ecg
