#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace cardiolens::ecg {

/// RR intervals in milliseconds between consecutive beat positions (samples at \a fs).
std::vector<double> rrIntervalsMs(std::span<const std::int64_t> beats, double fs);

/// Instantaneous heart rate (beats per minute) for each RR interval.
std::vector<double> heartRateBpm(std::span<const double> rrMs);

/// Normal-to-normal intervals: drops RR intervals outside 300..2000 ms and those differing
/// by more than \a tolerance (share) from the median of up to 5 neighbours on each side,
/// the usual guard against ectopic beats and missed or extra detections before HRV.
std::vector<double> normalToNormal(std::span<const double> rrMs, double tolerance = 0.2);

/// Time-domain heart-rate variability (Task Force of the ESC/NASPE, 1996).
struct HrvSummary {
    std::size_t intervals = 0;
    double meanRrMs = 0.0;
    double meanHeartRateBpm = 0.0; ///< 60000 / mean RR.
    double sdnnMs = 0.0;           ///< Sample standard deviation of RR (n - 1).
    double rmssdMs = 0.0;          ///< Root mean square of successive differences.
    double pnn50Percent = 0.0;     ///< Share of successive differences > 50 ms.
};

/// HRV over an RR series (ms). Fewer than two intervals give zeros.
HrvSummary timeDomainHrv(std::span<const double> rrMs);

} // namespace cardiolens::ecg
