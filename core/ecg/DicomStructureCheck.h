#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QByteArrayList>

namespace cardiolens::ecg {

/// Walks every data element of a DICOM file (nested sequences included) and checks that
/// each length fits inside the file, before the bytes reach GDCM: Debian's GDCM aborts on
/// assertions for some truncated files, and a reader must never crash. Supports the little-
/// endian transfer syntaxes (explicit and implicit VR); anything else is refused.
class DicomStructureCheck {
public:
    /// OK (true) when the structure is complete; otherwise an error naming \a path.
    static Result<bool> check(const QByteArray& bytes, const QString& path);
};

} // namespace cardiolens::ecg
