#pragma once

#include "common/Result.h"
#include "ecg/EcgRecord.h"
#include "ecg/WfdbHeader.h"

namespace cardiolens::ecg {

/// Opens WFDB records: parses the header, memory-maps the signal files and fills an
/// EcgRecord whose source decodes on demand. Nothing is decoded at open except the first
/// frame (to compare with the header's initial values).
class WfdbRecordReader {
public:
    /// \a path: the .hea, or the record path without extension, or a sibling signal file.
    static Result<EcgRecord> open(const QString& path);
    /// Builds a record from an already parsed header; \a directory holds its signal files.
    static Result<EcgRecord> open(const WfdbHeader& header, const QString& headerPath);
    /// Sums every sample of each lead that has a header checksum and compares modulo 65536.
    /// Decodes the whole record (use on demand, not at open). Returns one line per mismatch.
    static QStringList verifyChecksums(const EcgRecord& record);
    /// The .hea belonging to \a path, or empty if there is none.
    static QString headerPathFor(const QString& path);
    /// A record with the header's metadata (name, rate, comments, start) and no signals.
    static EcgRecord recordFromHeader(const WfdbHeader& header, const QString& headerPath);
};

} // namespace cardiolens::ecg
