#pragma once

#include "common/Result.h"
#include "ecg/EcgRecord.h"

#include <QJsonObject>

namespace cardiolens::formats {

/// The ECG part of `cardiolens-cli info`: leads (units, rate, samples), duration,
/// annotators present, labels, warnings, for any record ecg::EcgReader opens.
class EcgDescriber {
public:
    static QJsonObject describe(const ecg::EcgRecord& record);
    /// Names of the annotators of a record: embedded sets (EDF+ "edf", CSV "csv") and, for
    /// WFDB records, the annotation files beside the header.
    static QStringList annotators(const ecg::EcgRecord& record);
    /// True for files the ECG readers take that FormatDetector does not know (EDF, CSV).
    static bool isOtherEcgFile(const QString& path);
};

} // namespace cardiolens::formats
