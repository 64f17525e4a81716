#include "ecg/edit/AnnotationExport.h"

#include "ecg/MitAnnotationIO.h"

#include <QFileInfo>
#include <QRegularExpression>

namespace cardiolens::ecg {

Result<QString> exportAnnotations(const QString& recordPath, const QString& annotator,
                                  const std::vector<Annotation>& items, bool overwrite) {
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9_]{1,32}$"));
    if (!valid.match(annotator).hasMatch())
        return fileError(
            recordPath,
            QStringLiteral("annotator name '%1' must be 1-32 letters, digits or _").arg(annotator));
    const QString path = MitAnnotationIO::pathFor(recordPath, annotator);
    if (QFileInfo::exists(path) && !overwrite)
        return fileError(path, QStringLiteral("exists; choose another annotator name or confirm "
                                              "replacing it"));
    auto written = MitAnnotationIO::write(path, items);
    if (!written)
        return written.error();
    return path;
}

} // namespace cardiolens::ecg
