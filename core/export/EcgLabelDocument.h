#pragma once

#include "common/Result.h"
#include "ecg/Annotation.h"

#include <QString>

#include <vector>

namespace cardiolens::exports {

/// A record-level label with its likelihood in % (PTB-XL scp_codes style; 100 = certain).
struct RecordCode {
    QString code;
    double likelihood = 100.0;
};

/// The JSON payloads of the ECG revision kinds as the export reads them (the store keeps
/// them as documents; see core/export/README.md):
/// - ecg_beats: {"beats": [{"sample": 370, "code": "N", "subtype": 0, "channel": 0,
///   "aux": ""}]} (code: MIT mnemonic or number; only sample and code are required);
/// - rhythm_episodes: {"episodes": [{"start": 0, "end": 6000, "rhythm": "AFIB"}]} (an
///   episode is a RHYTHM annotation at its start with aux "(AFIB");
/// - record_labels: {"labels": [{"code": "AF", "likelihood": 100}]}.
/// Every kind also accepts {"annotations": [...]} with the beat fields, written as they are.
class EcgLabelDocument {
public:
    /// Beats or rhythm episodes as MIT annotations, in time order. \a source names the
    /// revision in errors.
    static Result<std::vector<ecg::Annotation>> annotations(const QByteArray& json,
                                                            const QString& source);
    static Result<std::vector<RecordCode>> recordCodes(const QByteArray& json,
                                                       const QString& source);
};

} // namespace cardiolens::exports
