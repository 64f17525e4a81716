// Cases under a dataset root, for importing a whole release (or a split of it).
#include "imaging/DatasetLayout.h"
#include "imaging/TextTables.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>

namespace cardiolens::imaging {

namespace {
void collect(const QString& folder, int depth, std::vector<DatasetLayout::CaseEntry>& out) {
    const QDir dir(folder);
    if (dir.exists(QStringLiteral("VolumeTracings.csv"))) {
        // One entry per traced video, in file order.
        QSet<QString> seen;
        auto read = TextTables::readCsv(
            dir.filePath(QStringLiteral("VolumeTracings.csv")), [&](const QStringList& f) {
                if (!f.isEmpty() && !f[0].isEmpty() && !seen.contains(f[0])) {
                    seen.insert(f[0]);
                    QString name = f[0];
                    if (!name.endsWith(QLatin1String(".avi"), Qt::CaseInsensitive))
                        name += QStringLiteral(".avi");
                    out.push_back(
                        {DatasetKind::EchoNet, dir.filePath(QStringLiteral("Videos/") + name)});
                }
                return true;
            });
        Q_UNUSED(read);
        return;
    }
    if (dir.exists(QStringLiteral("link.csv"))) {
        auto read = TextTables::readCsv(
            dir.filePath(QStringLiteral("link.csv")), [&](const QStringList& f) {
                if (f.size() >= 2 && !f[0].isEmpty())
                    out.push_back(
                        {DatasetKind::Sunnybrook, dir.filePath(QStringLiteral("dicoms/") + f[0])});
                return true;
            });
        Q_UNUSED(read);
        return;
    }
    // A case folder holds its images directly; a folder of cases does not.
    if (const auto kind = DatasetLayout::detect(folder)) {
        out.push_back({*kind, dir.absolutePath()});
        return;
    }
    if (depth <= 0)
        return;
    for (const QString& sub : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
        collect(dir.filePath(sub), depth - 1, out);
}
} // namespace

std::vector<DatasetLayout::CaseEntry> DatasetLayout::listCases(const QString& root, int depth) {
    std::vector<CaseEntry> out;
    if (QFileInfo(root).isDir())
        collect(QFileInfo(root).absoluteFilePath(), depth, out);
    return out;
}

} // namespace cardiolens::imaging
