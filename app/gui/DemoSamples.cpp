#include "gui/DemoSamples.h"

#include "common/DataPaths.h"

#include <QDir>
#include <QFileInfo>

namespace cardiolens::app {

QStringList demoSampleFiles() {
    const QDir dir(DataPaths::samplesDir());
    QStringList files;
    for (const char* rel : {"ecg/mitdb/100s.hea", "imaging/sunnybrook/SCD0000101"}) {
        const QString path = dir.filePath(QString::fromLatin1(rel));
        if (QFileInfo::exists(path))
            files << path;
    }
    return files;
}

} // namespace cardiolens::app
