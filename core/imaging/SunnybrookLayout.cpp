// Sunnybrook Cardiac Data as shared: <root>/link.csv maps DICOM patient folders to contour
// folders; IM-0001-00NN-{i,o}contour-manual.txt was drawn on dicoms/<patient>/NN.dcm.
#include "imaging/DatasetLayout.h"
#include "imaging/TextTables.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>

namespace cardiolens::imaging {

namespace {
QString findRoot(const QString& path) {
    QDir dir(QFileInfo(path).isDir() ? path : QFileInfo(path).absolutePath());
    for (int i = 0; i <= 4; ++i) {
        if (dir.exists(QStringLiteral("link.csv")))
            return dir.absolutePath();
        if (!dir.cdUp())
            break;
    }
    return {};
}
} // namespace

Result<DatasetCase> DatasetLayout::openSunnybrook(const QString& path) {
    const QString root = findRoot(path);
    if (root.isEmpty())
        return fileError(path,
                         QStringLiteral("Sunnybrook layout needs link.csv in a folder above"));
    const QString linkPath = QDir(root).filePath(QStringLiteral("link.csv"));
    std::vector<std::pair<QString, QString>> links; // patient_id, original_id
    auto header = TextTables::readCsv(linkPath, [&](const QStringList& f) {
        if (f.size() >= 2 && !f[0].isEmpty() && !f[1].isEmpty())
            links.emplace_back(f[0], f[1]);
        return true;
    });
    if (!header)
        return header.error();
    if (links.empty())
        return fileError(linkPath, QStringLiteral("no patient rows"));

    // The patient named by a path component (SCD... or SC-HF-...), else the first one.
    const QString absolute = QFileInfo(path).absoluteFilePath();
    const QStringList parts = absolute.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    auto chosen = links.begin();
    for (auto it = links.begin(); it != links.end(); ++it)
        if (parts.contains(it->first) || parts.contains(it->second))
            chosen = it;

    DatasetCase c;
    c.kind = DatasetKind::Sunnybrook;
    c.convention = LabelConvention::Internal;
    c.folder = root;
    c.caseId = chosen->first;
    c.info.insert(QStringLiteral("original_id"), chosen->second);
    const QString dicomDir = QDir(root).filePath(QStringLiteral("dicoms/") + chosen->first);
    const QString contourDir =
        QDir(root).filePath(QStringLiteral("contourfiles/") + chosen->second);
    c.cineImage = dicomDir;

    static const QRegularExpression nameRe(
        QStringLiteral(R"(^IM-\d+-(\d+)-([io])contour-manual\.txt$)"));
    for (const QString& sub : {QStringLiteral("i-contours"), QStringLiteral("o-contours")}) {
        const QDir dir(QDir(contourDir).filePath(sub));
        for (const QString& n : dir.entryList({QStringLiteral("*.txt")}, QDir::Files, QDir::Name)) {
            const auto m = nameRe.match(n);
            if (!m.hasMatch())
                continue;
            SunnybrookContourFile f;
            f.contour = dir.filePath(n);
            f.imageNumber = m.captured(1).toInt();
            f.kind = m.captured(2) == QLatin1String("i") ? SunnybrookContourKind::Inner
                                                         : SunnybrookContourKind::Outer;
            f.dicom = QDir(dicomDir).filePath(QStringLiteral("%1.dcm").arg(f.imageNumber));
            if (!QFileInfo::exists(f.dicom)) {
                c.warnings << QStringLiteral("%1: image %2 missing").arg(n, f.dicom);
                continue;
            }
            c.contours.push_back(f);
        }
    }
    if (c.contours.empty())
        return fileError(
            contourDir,
            QStringLiteral("no contour files with DICOM images for %1").arg(chosen->first));
    std::sort(c.contours.begin(), c.contours.end(),
              [](const SunnybrookContourFile& a, const SunnybrookContourFile& b) {
                  return a.imageNumber < b.imageNumber;
              });
    return c;
}

} // namespace cardiolens::imaging
