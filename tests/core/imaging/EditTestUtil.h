#pragma once
// Helpers shared by the label-editing tests: small label volumes and the Sunnybrook case.

#include "TestData.h"

#include "imaging/CaseAnnotations.h"
#include "imaging/DatasetLayout.h"
#include "imaging/ImageLoader.h"
#include "imaging/LabelVolume.h"

#include <QtTest>

#include <cstdint>
#include <vector>

namespace cardiolens::test {

inline imaging::LabelVolume makeLabels(int w, int h, int slices, int phases,
                                       std::array<double, 2> spacing = {1.0, 1.0}) {
    imaging::VolumeGeometry g;
    g.pixelSpacing = spacing;
    auto v = imaging::LabelVolume::create({w, h, slices, phases}, g);
    return std::move(v).value();
}

inline std::vector<std::uint8_t> frameCopy(const imaging::LabelVolume& v, int slice, int phase) {
    const auto p = v.frame(slice, phase).pixels();
    return {p.begin(), p.end()};
}

inline std::vector<std::uint8_t> allLabels(const imaging::LabelVolume& v) {
    return {v.labels().begin(), v.labels().end()};
}

/// The Sunnybrook SCD0000101 cine and its expert contours on it; false when absent.
struct SunnybrookCase {
    imaging::CineVolume image;
    imaging::CaseAnnotations annotations;
};

inline bool loadSunnybrook(SunnybrookCase& out) {
    const QString dir = shared(QStringLiteral("imaging/sunnybrook/dicoms/SCD0000101"));
    if (dir.isEmpty())
        return false;
    auto c = imaging::DatasetLayout::open(dir);
    if (!c)
        return false;
    auto image = imaging::ImageLoader::load(c->cineImage);
    if (!image)
        return false;
    auto a = imaging::annotationsOnImage(*c, *image);
    if (!a)
        return false;
    out.image = std::move(*image);
    out.annotations = std::move(*a);
    return true;
}

} // namespace cardiolens::test
