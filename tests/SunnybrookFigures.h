#pragma once
// Reference LV figures of a Sunnybrook case computed without the label pipeline, for tests
// that check the pipeline's figures against them.

#include "imaging/CaseAnnotations.h"
#include "imaging/CineMetrics.h"
#include "imaging/DatasetCase.h"
#include "imaging/DicomInspector.h"
#include "imaging/ImageLoader.h"
#include "imaging/Polygon.h"

#include <QJsonArray>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <vector>

namespace cardiolens::test {

// A Sunnybrook case's LV figures computed without the label pipeline: shoelace areas of
// the expert polygons per phase, the pixel size from a contoured file's DICOM header and the
// slice spacing from the smallest distance between two contoured images' positions.
struct ContourFigures {
    double edvMl = 0, esvMl = 0, efPercent = 0, massG = 0, pixelMm = 0, sliceMm = 0;
};
inline ContourFigures contourFigures(const imaging::DatasetCase& c, const QString& folder) {
    ContourFigures f;
    std::vector<std::array<double, 3>> positions;
    for (const auto& file : c.contours) {
        auto header = imaging::DicomInspector::describe(file.dicom);
        if (!header)
            return f;
        const QJsonArray ipp = header->value(QStringLiteral("imagePositionPatient")).toArray();
        positions.push_back({ipp[0].toDouble(), ipp[1].toDouble(), ipp[2].toDouble()});
        const QJsonArray ps = header->value(QStringLiteral("pixelSpacingMm")).toArray();
        f.pixelMm = ps[0].toDouble();
        if (std::abs(ps[1].toDouble() - f.pixelMm) > 1e-6)
            return {}; // Square pixels expected in this data.
    }
    f.sliceMm = 1e9;
    for (std::size_t i = 0; i < positions.size(); ++i)
        for (std::size_t j = i + 1; j < positions.size(); ++j) {
            const double d =
                std::hypot(positions[i][0] - positions[j][0], positions[i][1] - positions[j][1],
                           positions[i][2] - positions[j][2]);
            if (d > 0.5)
                f.sliceMm = std::min(f.sliceMm, d);
        }
    auto image = imaging::ImageLoader::load(folder);
    if (!image)
        return {};
    auto annotations = imaging::annotationsOnImage(c, *image);
    if (!annotations)
        return {};
    // Per phase and slice: inner and outer polygon areas in pixels.
    std::map<int, std::map<int, std::array<double, 2>>> areas;
    for (const imaging::FrameContour& contour : annotations->contours)
        areas[contour.phase][contour.slice]
             [contour.kind == imaging::SunnybrookContourKind::Inner ? 0 : 1] =
                 imaging::shoelaceArea(contour.points);
    const double mlPerPixel = f.pixelMm * f.pixelMm * f.sliceMm / 1000.0;
    std::map<int, double> blood;
    for (const auto& [phase, slices] : areas)
        for (const auto& [slice, a] : slices)
            blood[phase] += a[0] * mlPerPixel;
    const auto [es, ed] =
        std::minmax_element(blood.begin(), blood.end(),
                            [](const auto& a, const auto& b) { return a.second < b.second; });
    f.edvMl = ed->second;
    f.esvMl = es->second;
    f.efPercent = 100.0 * (f.edvMl - f.esvMl) / f.edvMl;
    for (const auto& [slice, a] : areas[ed->first])
        if (a[1] > 0.0)
            f.massG += imaging::kMyocardiumDensityGPerMl * (a[1] - a[0]) * mlPerPixel;
    return f;
}

} // namespace cardiolens::test
