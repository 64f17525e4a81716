#pragma once

#include "common/Result.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <functional>

namespace cardiolens::imaging {

/// Small text files of the dataset layouts. Sizes are checked before reading.
namespace TextTables {

/// "Key: value" lines (ACDC Info.cfg, CAMUS Info_2CH.cfg). Keys keep their case.
Result<QMap<QString, QString>> readKeyValues(const QString& path);

/// A comma-separated file with a header row. \a onRow gets each row's fields (unquoted)
/// and returns false to stop early. The header is returned.
Result<QStringList> readCsv(const QString& path,
                            const std::function<bool(const QStringList& fields)>& onRow);

/// Splits one CSV line: commas, with double-quoted fields that may hold commas.
QStringList splitCsvLine(const QString& line);

} // namespace TextTables
} // namespace cardiolens::imaging
