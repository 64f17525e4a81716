// Sunnybrook expert contours -> label cine. Slices and phases come from the DICOM headers:
// slice = position along the slice normal, phase = rank of the trigger time among the
// frames of that slice position in the patient's folder.
#include "imaging/DatasetLayout.h"
#include "imaging/DicomFolder.h"
#include "imaging/LabelledCaseLoader.h"
#include "imaging/PolygonRasterizer.h"

#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <map>

namespace cardiolens::imaging {

namespace {
std::array<double, 3> normalOf(const DicomFileEntry& e) {
    if (!e.orientation)
        return {0.0, 0.0, 1.0};
    const auto& o = *e.orientation;
    std::array<double, 3> n{o[1] * o[5] - o[2] * o[4], o[2] * o[3] - o[0] * o[5],
                            o[0] * o[4] - o[1] * o[3]};
    const double len = std::sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
    if (len <= 0.0)
        return {0.0, 0.0, 1.0};
    return {n[0] / len, n[1] / len, n[2] / len};
}

double along(const DicomFileEntry& e, const std::array<double, 3>& n) {
    if (!e.position)
        return double(e.instanceNumber);
    const auto& p = *e.position;
    return p[0] * n[0] + p[1] * n[1] + p[2] * n[2];
}

// Indices of clusters of sorted values closer than tolerance.
std::vector<double> clusterCentres(std::vector<double> values, double tolerance) {
    std::sort(values.begin(), values.end());
    std::vector<double> centres;
    for (double v : values)
        if (centres.empty() || v - centres.back() > tolerance)
            centres.push_back(v);
    return centres;
}

int clusterOf(const std::vector<double>& centres, double v) {
    int best = 0;
    for (int i = 0; i < int(centres.size()); ++i)
        if (std::abs(centres[std::size_t(i)] - v) < std::abs(centres[std::size_t(best)] - v))
            best = i;
    return best;
}
} // namespace

Result<LabelCine> LabelledCaseLoader::sunnybrookLabels(const DatasetCase& c,
                                                       QStringList* warnings) {
    if (c.contours.empty())
        return fileError(c.folder, QStringLiteral("no contour files"));
    // Headers of every image in the patient's folder (not only the contoured ones), for
    // slice spacing and phase numbers.
    std::vector<DicomFileEntry> all;
    auto scanned = DicomFolder::scan(c.cineImage);
    if (scanned)
        for (const DicomSeries& s : *scanned)
            all.insert(all.end(), s.files.begin(), s.files.end());
    std::map<QString, DicomFileEntry> byPath;
    for (const DicomFileEntry& e : all)
        byPath[QFileInfo(e.path).absoluteFilePath()] = e;
    for (const SunnybrookContourFile& f : c.contours) {
        const QString key = QFileInfo(f.dicom).absoluteFilePath();
        if (byPath.count(key))
            continue;
        auto one = DicomFolder::scanFile(f.dicom);
        if (!one)
            return one.error();
        if (one->files.empty())
            return fileError(f.dicom, QStringLiteral("not a DICOM image"));
        byPath[key] = one->files.front();
        all.push_back(one->files.front());
    }
    const DicomFileEntry& first = byPath[QFileInfo(c.contours.front().dicom).absoluteFilePath()];
    const auto normal = normalOf(first);
    std::vector<double> positions;
    for (const DicomFileEntry& e : all)
        positions.push_back(along(e, normal));
    const std::vector<double> slicePositions = clusterCentres(positions, 0.5);

    // Phase number of a file = rank of its trigger time among the files at its position.
    std::map<int, std::vector<double>> timesBySlice;
    for (const DicomFileEntry& e : all)
        timesBySlice[clusterOf(slicePositions, along(e, normal))].push_back(
            e.triggerTimeMs.value_or(double(e.instanceNumber)));
    for (auto& [slice, times] : timesBySlice)
        std::sort(times.begin(), times.end());
    if (warnings) {
        for (const auto& [slice, times] : timesBySlice) {
            if (times.size() < 3) {
                *warnings << QStringLiteral(
                                 "%1 holds only the contoured frames: phase numbers count "
                                 "the frames present")
                                 .arg(c.cineImage);
                break;
            }
        }
    }
    auto phaseOf = [&](const DicomFileEntry& e) {
        const auto& times = timesBySlice[clusterOf(slicePositions, along(e, normal))];
        const double t = e.triggerTimeMs.value_or(double(e.instanceNumber));
        return int(std::lower_bound(times.begin(), times.end(), t - 1e-6) - times.begin());
    };

    // Contoured slices and phases, in order.
    std::vector<int> slices, phases;
    for (const SunnybrookContourFile& f : c.contours) {
        const DicomFileEntry& e = byPath[QFileInfo(f.dicom).absoluteFilePath()];
        slices.push_back(clusterOf(slicePositions, along(e, normal)));
        phases.push_back(phaseOf(e));
    }
    std::vector<int> sliceIds = slices, phaseIds = phases;
    std::sort(sliceIds.begin(), sliceIds.end());
    sliceIds.erase(std::unique(sliceIds.begin(), sliceIds.end()), sliceIds.end());
    std::sort(phaseIds.begin(), phaseIds.end());
    phaseIds.erase(std::unique(phaseIds.begin(), phaseIds.end()), phaseIds.end());

    LabelCine cine;
    cine.nx = first.columns;
    cine.ny = first.rows;
    cine.nz = int(sliceIds.size());
    cine.nt = int(phaseIds.size());
    if (cine.nx <= 0 || cine.ny <= 0 || cine.nx > 4096 || cine.ny > 4096)
        return fileError(first.path,
                         QStringLiteral("implausible image size %1x%2").arg(cine.nx).arg(cine.ny));
    double sliceSpacing = 0.0;
    for (std::size_t i = 1; i < slicePositions.size(); ++i) {
        const double gap = slicePositions[i] - slicePositions[i - 1];
        sliceSpacing = sliceSpacing == 0.0 ? gap : std::min(sliceSpacing, gap);
    }
    if (sliceSpacing <= 0.0) {
        sliceSpacing = first.sliceThickness;
        if (warnings)
            *warnings << QStringLiteral("one slice position only: slice spacing = thickness %1 mm")
                             .arg(sliceSpacing);
    }
    // DICOM Pixel Spacing is (row spacing = y, column spacing = x).
    cine.spacing = {first.pixelSpacing[1], first.pixelSpacing[0], sliceSpacing};
    cine.frameNumbers = phaseIds;
    cine.labels.assign(cine.phaseSize() * std::size_t(cine.nt), 0);

    // Outer contours first (myocardium), inner ones drawn over them (blood pool).
    for (SunnybrookContourKind kind :
         {SunnybrookContourKind::Outer, SunnybrookContourKind::Inner}) {
        for (std::size_t i = 0; i < c.contours.size(); ++i) {
            const SunnybrookContourFile& f = c.contours[i];
            if (f.kind != kind)
                continue;
            auto polygon = readSunnybrookContour(f.contour);
            if (!polygon)
                return polygon.error();
            const int z = int(std::lower_bound(sliceIds.begin(), sliceIds.end(), slices[i]) -
                              sliceIds.begin());
            const int p = int(std::lower_bound(phaseIds.begin(), phaseIds.end(), phases[i]) -
                              phaseIds.begin());
            Mask2D slice(cine.nx, cine.ny);
            std::uint8_t* dst = cine.phaseData(p) + cine.sliceSize() * std::size_t(z);
            std::copy(dst, dst + cine.sliceSize(), slice.values.begin());
            PolygonRasterizer::fill(*polygon, slice, labelValue(sunnybrookContourLabel(kind)));
            std::copy(slice.values.begin(), slice.values.end(), dst);
        }
    }
    return cine;
}

} // namespace cardiolens::imaging
