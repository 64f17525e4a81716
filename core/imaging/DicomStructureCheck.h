#pragma once

#include "common/Result.h"

namespace cardiolens::imaging {

/// A structural walk of a DICOM file done before GDCM parses it: preamble, File Meta
/// Information and every data element, sequence item and pixel data fragment must fit in
/// the file. Debian's GDCM is built with assertions, and truncated or malformed files
/// can abort the process inside gdcm::Reader instead of failing. Values are not
/// interpreted; files without the DICM preamble pass only when they start like a data
/// set, and deflated data sets are checked up to the meta header only.
class DicomStructureCheck {
public:
    static Result<bool> check(const QString& path);
    /// The transfer syntax UID from the meta header (empty when there is none).
    static QString transferSyntaxOf(const QString& path);
};

} // namespace cardiolens::imaging
