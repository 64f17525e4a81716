#pragma once

#include "common/Result.h"
#include "ecg/EcgRecord.h"

namespace cardiolens::ecg {

/// ECG tables in CSV form:
/// - Kaggle heartbeat CSVs (MIT-BIH "mitbih_*.csv", PTB "ptbdb_*.csv"): no header, one beat
///   per row as 187 samples at 125 Hz (zero-padded) plus a class label. Opened as one
///   lead "beat" with the rows end to end; each row starts with an annotation carrying its
///   class (MIT-BIH: 0 N, 1 S, 2 V, 3 F, 4 Q; PTB: 0 normal, 1 abnormal).
/// - Generic columnar CSV: a header row of lead names (units in brackets or parentheses
///   are taken: "II (mV)"), an optional time column (time, t, seconds, ms, sample) that
///   gives the sampling rate, one row per sample. Separator ',', ';' or tab.
/// Values are stored as integers at the finest decimal resolution the file uses (at most
/// 1e-6), so the text values are reproduced exactly. NaN, text or missing cells are errors
/// naming the row and column.
class CsvReader {
public:
    struct Options {
        double samplingRate = 0; ///< Used when the file has no time column; 0 = 250 Hz.
    };
    static Result<EcgRecord> open(const QString& path, const Options& options);
    static Result<EcgRecord> open(const QString& path) { return open(path, Options{}); }
};

} // namespace cardiolens::ecg
