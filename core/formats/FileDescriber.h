#pragma once

#include "common/Result.h"

#include <QJsonObject>

namespace cardiolens::formats {

/// The JSON description of a file that `cardiolens-cli info` prints: its kind plus
/// what the matching reader can say without decoding the bulk data.
class FileDescriber {
public:
    static Result<QJsonObject> describe(const QString& path);
};

} // namespace cardiolens::formats
