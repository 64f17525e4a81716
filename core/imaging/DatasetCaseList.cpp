// Cases under a dataset root, for importing a whole release (or a split of it).
#include "imaging/DatasetLayout.h"
#include "imaging/TextTables.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
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

Result<QJsonObject> DatasetLayout::describe(const QString& path) {
    auto found = open(path);
    if (!found)
        return found.error();
    const DatasetCase& c = *found;
    QJsonObject out;
    out[QStringLiteral("path")] = path;
    out[QStringLiteral("kind")] = QStringLiteral("dataset_case");
    out[QStringLiteral("layout")] = datasetKindName(c.kind);
    out[QStringLiteral("case")] = c.caseId;
    out[QStringLiteral("label_convention")] = labelConventionName(c.convention);
    if (c.edFrame)
        out[QStringLiteral("ed_phase")] = *c.edFrame;
    if (c.esFrame)
        out[QStringLiteral("es_phase")] = *c.esFrame;
    if (c.frameCount)
        out[QStringLiteral("phases")] = *c.frameCount;
    if (!c.cineImage.isEmpty())
        out[QStringLiteral("image")] = c.cineImage;
    out[QStringLiteral("warnings")] = QJsonArray::fromStringList(c.warnings);
    return out;
}

void DatasetLayout::addLayoutName(QJsonObject& out, const QString& path) {
    if (const auto layout = detect(path))
        out[QStringLiteral("layout")] = datasetKindName(*layout);
}

} // namespace cardiolens::imaging
