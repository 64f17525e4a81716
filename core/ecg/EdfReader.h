#pragma once

#include "common/Result.h"
#include "ecg/EcgRecord.h"

namespace cardiolens::ecg {

/// EDF, EDF+ (continuous "EDF+C" and discontinuous "EDF+D") and BDF (24-bit) files.
/// Samples are decoded from a memory mapping; the header's record count is checked
/// against the file size before anything is read. EDF+ "EDF Annotations" signals become
/// the record's annotation set "edf" (onset, duration, text); in EDF+D files each data
/// record is placed at its time-keeping onset and gaps read as invalid samples.
///
/// Leads are mapped to frames using the greatest common divisor of the samples per data
/// record, so a 500 Hz file has frameRate 500 and samplesPerFrame 1.
class EdfReader {
public:
    static Result<EcgRecord> open(const QString& path);
    /// True when the file starts like an EDF/BDF header ("0       " or "\xffBIOSEMI").
    static bool looksLikeEdf(const QString& path);
};

} // namespace cardiolens::ecg
