#pragma once

#include "common/Result.h"

#include <QString>

namespace cardiolens::labels {

/// A cheap content identity for an image file or DICOM folder, so that the store
/// recognises a case that moved and notices one whose content changed: SHA-256 over the
/// size, the first MB and the last MB of the file. A folder hashes, in name order, each
/// regular file's relative name and fingerprint (hidden files are ignored).
struct ContentFingerprint {
    QString sha256;   ///< Hex digest.
    qint64 bytes = 0; ///< File size, or the sum over a folder's files.

    static Result<ContentFingerprint> of(const QString& path);
    friend bool operator==(const ContentFingerprint&, const ContentFingerprint&) = default;
};

} // namespace cardiolens::labels
