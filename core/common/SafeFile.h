#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QString>

namespace cardiolens {

/// Guards for opening files whose names come from users or from other files' headers.
namespace SafeFile {

/// Refuses anything that is not a regular file (FIFO, device, socket, directory) before it
/// is opened: open() on a FIFO blocks until a writer appears, and a device never ends while
/// reporting a size of 0. Symbolic links are followed, so a link to /dev/zero is refused.
Result<bool> requireRegular(const QString& path);

/// The whole of a small file, read with a bound: refuses non-regular files and files of
/// more than \a maxBytes (counted while reading, not trusted from size()). \a what names
/// the kind of file in the message ("WFDB header").
Result<QByteArray> readAll(const QString& path, qint64 maxBytes, const QString& what);

/// Resolves the data file \a name that a header in \a headerDir refers to. Only a plain
/// name (or a relative path below the header's folder) is allowed: an absolute path or one
/// climbing out with "../" could make a header read /etc/passwd as samples or voxels. Set
/// CARDIOLENS_ALLOW_FOREIGN_DATA_FILES=1 to allow them anyway.
Result<QString> dataFileBeside(const QString& headerDir, const QString& name);

} // namespace SafeFile
} // namespace cardiolens
