#pragma once

#include "common/Result.h"
#include "imaging/DicomSeries.h"

#include <vector>

namespace cardiolens::imaging {

/// Finds the DICOM image series in a folder by reading headers only (GDCM's scanner
/// stops before pixel data). Files are recognised by content (the DICM preamble) or the
/// .dcm extension; non-image objects (ECG, SR, DICOMDIR) are skipped. Invalid UIDs, such
/// as components with leading zeros, are tolerated and reported as warnings.
class DicomFolder {
public:
    /// Series found directly inside \a folder, most files first.
    static Result<std::vector<DicomSeries>> scan(const QString& folder);
    /// The header entry of one file (for single-file reads); error when not a DICOM image.
    static Result<DicomSeries> scanFile(const QString& path);
    /// True when any dot-separated component of \a uid has a leading zero (invalid per
    /// DICOM PS3.5 9.1, common in older anonymised data).
    static bool hasLeadingZeroComponent(const QString& uid);
};

} // namespace cardiolens::imaging
