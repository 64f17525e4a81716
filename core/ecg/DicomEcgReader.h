#pragma once

#include "common/Result.h"
#include "ecg/EcgRecord.h"

#include <vector>

namespace cardiolens::ecg {

/// DICOM waveform objects (12-lead ECG, general ECG, Holter): every multiplex group of
/// the Waveform Sequence becomes one record (the 12-lead files carry a 10 s RHYTHM group
/// and a MEDIAN BEAT group). Channel names come from the channel source code meanings
/// ("Lead I (Einthoven)" -> "I"); physical value = (raw + baseline) * sensitivity *
/// correction factor, in the channel sensitivity units. Waveform annotations become record
/// labels (free text such as "ECG NORMALE") and comments (measurements: "RR Interval:
/// 982 ms"). GDCM stays inside the .cpp.
class DicomEcgReader {
public:
    /// The first multiplex group (for 12-lead files, the rhythm strip).
    static Result<EcgRecord> open(const QString& path);
    /// One record per multiplex group, in file order; record names end in the group label.
    static Result<std::vector<EcgRecord>> openAll(const QString& path);
};

} // namespace cardiolens::ecg
