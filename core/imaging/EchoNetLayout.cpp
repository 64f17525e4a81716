// EchoNet-Dynamic layout: <root>/FileList.csv, <root>/VolumeTracings.csv, <root>/Videos/*.avi.
#include "imaging/DatasetLayout.h"
#include "imaging/TextTables.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <vector>

namespace cardiolens::imaging {

namespace {
QString withoutAvi(const QString& name) {
    return name.endsWith(QLatin1String(".avi"), Qt::CaseInsensitive) ? name.chopped(4) : name;
}

int column(const QStringList& header, const char* name) {
    return int(header.indexOf(QLatin1String(name)));
}

// Rows of one traced frame -> axis + outline. The first row is the long axis; the others
// are disc chords whose (X1, Y1) ends run down one wall and (X2, Y2) ends the other.
EchoNetTracing tracingFromRows(int frame, const std::vector<std::array<double, 4>>& rows) {
    EchoNetTracing t;
    t.frame = frame;
    for (std::size_t i = 1; i < rows.size(); ++i)
        t.outline.push_back({rows[i][0], rows[i][1]});
    for (std::size_t i = rows.size(); i-- > 1;)
        t.outline.push_back({rows[i][2], rows[i][3]});
    // The apex is the axis end farther from the widest chord (the LV is widest near the base).
    const Point2 a{rows[0][0], rows[0][1]}, b{rows[0][2], rows[0][3]};
    double widest = -1.0;
    Point2 mid = a;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        const double w = std::hypot(rows[i][2] - rows[i][0], rows[i][3] - rows[i][1]);
        if (w > widest) {
            widest = w;
            mid = {0.5 * (rows[i][0] + rows[i][2]), 0.5 * (rows[i][1] + rows[i][3])};
        }
    }
    const bool aIsApex =
        std::hypot(a.x - mid.x, a.y - mid.y) > std::hypot(b.x - mid.x, b.y - mid.y);
    t.axis = aIsApex ? LongAxis{b, a} : LongAxis{a, b};
    return t;
}
} // namespace

Result<DatasetCase> DatasetLayout::openEchoNet(const QString& path) {
    const QFileInfo info(path);
    QString root = info.isDir() ? info.absoluteFilePath() : info.absolutePath();
    QString video = info.isDir() ? QString() : withoutAvi(info.fileName());
    if (!QFileInfo::exists(QDir(root).filePath(QStringLiteral("VolumeTracings.csv"))))
        root = QFileInfo(root).absolutePath(); // given Videos/ or a file inside it
    const QString tracingsPath = QDir(root).filePath(QStringLiteral("VolumeTracings.csv"));
    if (!QFileInfo::exists(tracingsPath))
        return fileError(path, QStringLiteral("EchoNet-Dynamic layout needs VolumeTracings.csv"));

    DatasetCase c;
    c.kind = DatasetKind::EchoNet;
    c.convention = LabelConvention::EchoNet;
    c.folder = root;

    // Tracings of the requested video (or of the first traced one), grouped by frame in file
    // order.
    std::map<int, std::vector<std::array<double, 4>>> rowsByFrame;
    QString bad;
    auto header = TextTables::readCsv(tracingsPath, [&](const QStringList& f) {
        if (f.size() < 6)
            return true;
        const QString name = withoutAvi(f[0]);
        if (video.isEmpty())
            video = name;
        if (name != video)
            return rowsByFrame.empty(); // rows of one video are contiguous
        bool ok[5] = {};
        const std::array<double, 4> xy{f[1].toDouble(&ok[0]), f[2].toDouble(&ok[1]),
                                       f[3].toDouble(&ok[2]), f[4].toDouble(&ok[3])};
        const int frame = f[5].toInt(&ok[4]);
        const bool finite = std::all_of(
            xy.begin(), xy.end(), [](double v) { return std::isfinite(v) && std::abs(v) < 1e5; });
        if (!(ok[0] && ok[1] && ok[2] && ok[3] && ok[4]) || !finite || frame < 0) {
            bad = f.join(QLatin1Char(','));
            return false;
        }
        rowsByFrame[frame].push_back(xy);
        return true;
    });
    if (!header)
        return header.error();
    if (!bad.isEmpty())
        return fileError(tracingsPath, QStringLiteral("bad tracing row: %1").arg(bad));
    if (column(*header, "X1") != 1 || column(*header, "Frame") != 5)
        return fileError(tracingsPath,
                         QStringLiteral("expected columns FileName,X1,Y1,X2,Y2,Frame"));
    c.caseId = video;
    c.cineImage = QDir(root).filePath(QStringLiteral("Videos/%1.avi").arg(video));
    if (!QFileInfo::exists(c.cineImage))
        c.warnings << QStringLiteral("video %1 is missing").arg(c.cineImage);
    for (const auto& [frame, rows] : rowsByFrame) {
        if (rows.size() < 3) {
            c.warnings
                << QStringLiteral("frame %1 has %2 tracing rows").arg(frame).arg(rows.size());
            continue;
        }
        c.tracings.push_back(tracingFromRows(frame, rows));
    }
    if (c.tracings.empty())
        return fileError(tracingsPath, QStringLiteral("no tracings for %1").arg(video));

    // The larger traced outline is end-diastole.
    if (c.tracings.size() >= 2) {
        const auto larger =
            shoelaceArea(c.tracings[0].outline) >= shoelaceArea(c.tracings[1].outline);
        c.edFrame = c.tracings[larger ? 0 : 1].frame;
        c.esFrame = c.tracings[larger ? 1 : 0].frame;
    }

    const QString listPath = QDir(root).filePath(QStringLiteral("FileList.csv"));
    if (QFileInfo::exists(listPath)) {
        QStringList row;
        auto listHeader = TextTables::readCsv(listPath, [&](const QStringList& f) {
            if (!f.isEmpty() && withoutAvi(f[0]) == video) {
                row = f;
                return false;
            }
            return true;
        });
        if (!listHeader)
            return listHeader.error();
        for (qsizetype i = 0; i < listHeader->size() && i < row.size(); ++i)
            c.info.insert(listHeader->at(i), row[i]);
        bool ok = false;
        const int frames = c.info.value(QStringLiteral("NumberOfFrames")).toInt(&ok);
        if (ok)
            c.frameCount = frames;
    } else {
        c.warnings << QStringLiteral("FileList.csv missing");
    }
    return c;
}

} // namespace cardiolens::imaging
