#pragma once

#include "labels/ContentFingerprint.h"

#include <QString>

#include <optional>

namespace cardiolens::labels {

/// What the caller knows about a case when it registers one.
struct CaseDescription {
    QString path;     ///< Image file or DICOM folder.
    QString modality; ///< "MR", "US", ...
    QString dataset;  ///< "sunnybrook", "acdc", ... or empty.
    QString caseName; ///< The dataset's case id, e.g. SCD0000101.
};

/// A case as stored.
struct CaseRecord {
    qint64 id = 0;
    CaseDescription description;
    ContentFingerprint fingerprint;
    qint64 createdMs = 0;
};

/// How a path on disk relates to the stored cases.
struct CaseMatch {
    enum class Status {
        New,     ///< No stored case has this content or path.
        Known,   ///< Same path, same content.
        Moved,   ///< The content of a stored case, found under another path.
        Changed, ///< A stored case's path, but its content is no longer what was labelled.
    };
    Status status = Status::New;
    std::optional<CaseRecord> record; ///< The stored case (after ensureCase: always set).
    ContentFingerprint current;       ///< Fingerprint of the file as it is now.
};

QString caseMatchStatusName(CaseMatch::Status status);

} // namespace cardiolens::labels
