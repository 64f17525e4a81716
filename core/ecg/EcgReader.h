#pragma once

#include "common/Result.h"
#include "ecg/EcgRecord.h"

namespace cardiolens::ecg {

/// Opens any supported ECG record by content and name: a WFDB record (.hea, a signal
/// file, or the record path without extension), EDF/EDF+, CSV or a DICOM ECG waveform.
/// Errors name the file and the problem; nothing is decoded beyond what validation needs.
class EcgReader {
public:
    static Result<EcgRecord> open(const QString& path);
};

} // namespace cardiolens::ecg
