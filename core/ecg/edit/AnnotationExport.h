#pragma once

#include "common/Result.h"
#include "ecg/Annotation.h"

#include <QString>

#include <vector>

namespace cardiolens::ecg {

/// Writes \a items as the WFDB annotation file of \a recordPath under \a annotator
/// (RECORD.ANNOTATOR beside the record), atomically. An existing file is never replaced
/// unless \a overwrite is true (the GUI asks first): the reference annotations and earlier
/// exports stay as they were. Returns the path written.
Result<QString> exportAnnotations(const QString& recordPath, const QString& annotator,
                                  const std::vector<Annotation>& items, bool overwrite = false);

} // namespace cardiolens::ecg
