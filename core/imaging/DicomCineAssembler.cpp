#include "imaging/DicomCineAssembler.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

namespace cardiolens::imaging {

namespace {

using Vec3 = std::array<double, 3>;

double dot(const Vec3& a, const Vec3& b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
Vec3 cross(const Vec3& a, const Vec3& b) {
    return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
}
Vec3 scaled(const Vec3& a, double s) {
    return {a[0] * s, a[1] * s, a[2] * s};
}
Vec3 minus(const Vec3& a, const Vec3& b) {
    return {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
}
Vec3 normalised(const Vec3& a) {
    const double n = std::sqrt(dot(a, a));
    return n > 0.0 ? scaled(a, 1.0 / n) : a;
}

double median(std::vector<double> v) {
    if (v.empty())
        return 0.0;
    std::sort(v.begin(), v.end());
    const std::size_t m = v.size() / 2;
    return v.size() % 2 ? v[m] : 0.5 * (v[m - 1] + v[m]);
}

QString fileName(const DicomFileEntry& f) {
    const qsizetype slash = f.path.lastIndexOf(u'/');
    return slash < 0 ? f.path : f.path.mid(slash + 1);
}

// Adds a warning, keeping only the first few of a kind so a broken series stays readable.
void warnLimited(QStringList& warnings, int& count, const QString& text) {
    if (++count <= 5)
        warnings << text;
    else if (count == 6)
        warnings << QStringLiteral("... further similar warnings suppressed");
}

struct SliceGroup {
    double distance = 0.0;
    std::vector<int> files; // Sorted by trigger time / instance number.
    bool inserted = false;  // A blank slice standing in for a missing one.
};

} // namespace

Result<DicomCineLayout> DicomCineAssembler::assemble(const DicomSeries& series) {
    const QString where =
        series.files.empty()
            ? QString()
            : series.files.front().path.left(series.files.front().path.lastIndexOf(u'/'));
    if (series.files.empty())
        return fileError(where, QStringLiteral("the series has no image files"));
    DicomCineLayout layout;
    const auto& files = series.files;
    const DicomFileEntry& first = files.front();
    for (const auto& f : files) {
        if (f.frames != 1)
            return fileError(f.path, QStringLiteral("multi-frame file in a single-frame series: "
                                                    "read it on its own"));
        if (f.rows != first.rows || f.columns != first.columns)
            return fileError(f.path, QStringLiteral("frame size %1 x %2 differs from the "
                                                    "series' %3 x %4")
                                         .arg(f.columns)
                                         .arg(f.rows)
                                         .arg(first.columns)
                                         .arg(first.rows));
    }
    if (first.rows <= 0 || first.columns <= 0)
        return fileError(first.path, QStringLiteral("image has no rows or columns"));

    // Orientation: one for the whole series.
    Vec3 row{1, 0, 0}, col{0, 1, 0};
    if (first.orientation) {
        const auto& o = *first.orientation;
        row = {o[0], o[1], o[2]};
        col = {o[3], o[4], o[5]};
        for (const auto& f : files) {
            if (!f.orientation)
                continue;
            double diff = 0.0;
            for (int i = 0; i < 6; ++i)
                diff =
                    std::max(diff, std::abs((*f.orientation)[std::size_t(i)] - o[std::size_t(i)]));
            if (diff > 1e-3)
                return fileError(f.path, QStringLiteral("image orientation differs from %1's: "
                                                        "the series mixes planes")
                                             .arg(fileName(first)));
        }
    } else {
        layout.warnings << QStringLiteral("no Image Orientation (Patient): axial assumed");
    }
    if (std::abs(dot(row, row) - 1.0) > 1e-3 || std::abs(dot(col, col) - 1.0) > 1e-3 ||
        std::abs(dot(row, col)) > 1e-3) {
        layout.warnings << QStringLiteral("image orientation is not orthonormal "
                                          "(row.col = %1): re-orthonormalised")
                               .arg(dot(row, col));
        row = normalised(row);
        col = normalised(minus(col, scaled(row, dot(row, col))));
    }
    const Vec3 normal = normalised(cross(row, col));

    // Slices: cluster the distances along the normal.
    std::vector<std::pair<double, int>> byDistance;
    int withoutPosition = 0;
    for (int i = 0; i < int(files.size()); ++i) {
        const auto& f = files[std::size_t(i)];
        if (!f.position)
            ++withoutPosition;
        byDistance.emplace_back(f.position ? dot(*f.position, normal) : 0.0, i);
    }
    if (withoutPosition)
        layout.warnings << QStringLiteral("%1 files without Image Position (Patient): treated "
                                          "as one slice")
                               .arg(withoutPosition);
    std::sort(byDistance.begin(), byDistance.end());
    std::vector<SliceGroup> slices;
    constexpr double kSameSliceMm = 0.05;
    for (const auto& [d, i] : byDistance) {
        if (slices.empty() || d - slices.back().distance > kSameSliceMm)
            slices.push_back({d, {}, false});
        slices.back().files.push_back(i);
    }

    // Slice spacing and gaps.
    std::vector<double> gaps;
    for (std::size_t s = 1; s < slices.size(); ++s)
        gaps.push_back(slices[s].distance - slices[s - 1].distance);
    double spacing = median(gaps);
    int spacingWarnings = 0;
    if (slices.size() > 1) {
        std::vector<SliceGroup> filled;
        filled.push_back(slices.front());
        for (std::size_t s = 1; s < slices.size(); ++s) {
            const double gap = slices[s].distance - slices[s - 1].distance;
            const double multiple = std::round(gap / spacing);
            const bool whole = std::abs(gap - multiple * spacing) <= 0.1 * spacing;
            if (whole && multiple >= 2 && multiple <= 8) {
                layout.warnings << QStringLiteral("%1 slice(s) missing between %2 and %3 mm along "
                                                  "the normal: left blank")
                                       .arg(int(multiple) - 1)
                                       .arg(slices[s - 1].distance, 0, 'f', 2)
                                       .arg(slices[s].distance, 0, 'f', 2);
                for (int k = 1; k < int(multiple); ++k)
                    filled.push_back({slices[s - 1].distance + k * spacing, {}, true});
            } else if (!whole || multiple < 1) {
                warnLimited(layout.warnings, spacingWarnings,
                            QStringLiteral("inconsistent slice spacing: %1 mm between %2 and %3 "
                                           "mm, median %4 mm used")
                                .arg(gap, 0, 'f', 3)
                                .arg(slices[s - 1].distance, 0, 'f', 2)
                                .arg(slices[s].distance, 0, 'f', 2)
                                .arg(spacing, 0, 'f', 3));
            }
            filled.push_back(slices[s]);
        }
        slices = std::move(filled);
    } else {
        spacing = first.sliceThickness > 0.0 ? first.sliceThickness : 1.0;
    }

    // Phases: order each slice's files by trigger time, falling back to instance number.
    auto timeOf = [&](int i) {
        return files[std::size_t(i)].triggerTimeMs;
    };
    for (auto& slice : slices) {
        std::sort(slice.files.begin(), slice.files.end(), [&](int a, int b) {
            const auto ta = timeOf(a), tb = timeOf(b);
            if (ta && tb && *ta != *tb)
                return *ta < *tb;
            return files[std::size_t(a)].instanceNumber < files[std::size_t(b)].instanceNumber;
        });
    }
    std::map<std::size_t, int> countFrequency;
    for (const auto& slice : slices)
        if (!slice.inserted)
            ++countFrequency[slice.files.size()];
    std::size_t phases = 0;
    int best = 0;
    for (const auto& [count, frequency] : countFrequency)
        if (frequency > best || (frequency == best && count > phases)) {
            phases = count;
            best = frequency;
        }
    // Reference trigger times from the first complete slice.
    std::vector<double> referenceTimes;
    bool haveTimes = true;
    for (const auto& slice : slices) {
        if (slice.files.size() != phases)
            continue;
        for (int i : slice.files) {
            if (!timeOf(i)) {
                haveTimes = false;
                break;
            }
            referenceTimes.push_back(*timeOf(i));
        }
        break;
    }
    if (!haveTimes)
        referenceTimes.clear();

    layout.extent = {first.columns, first.rows, int(slices.size()), int(phases)};
    layout.frameFile.assign(layout.extent.frameCount(), -1);
    std::vector<double> timeSum(phases, 0.0);
    std::vector<int> timeCount(phases, 0);
    int phaseWarnings = 0;
    for (int s = 0; s < int(slices.size()); ++s) {
        const auto& slice = slices[std::size_t(s)];
        if (slice.inserted)
            continue;
        std::vector<int> assigned(phases, -1);
        for (std::size_t k = 0; k < slice.files.size(); ++k) {
            const int file = slice.files[k];
            std::size_t phase = k;
            if (slice.files.size() != phases && !referenceTimes.empty() && timeOf(file)) {
                // Nearest reference trigger time.
                phase = 0;
                for (std::size_t p = 1; p < phases; ++p)
                    if (std::abs(referenceTimes[p] - *timeOf(file)) <
                        std::abs(referenceTimes[phase] - *timeOf(file)))
                        phase = p;
            }
            if (phase >= phases || assigned[phase] >= 0) {
                warnLimited(layout.warnings, phaseWarnings,
                            QStringLiteral("%1: second frame for slice %2 phase %3: ignored")
                                .arg(fileName(files[std::size_t(file)]))
                                .arg(s)
                                .arg(std::min(phase, phases - 1)));
                continue;
            }
            assigned[phase] = file;
            layout.frameFile[phase * slices.size() + std::size_t(s)] = file;
            if (timeOf(file)) {
                timeSum[phase] += *timeOf(file);
                ++timeCount[phase];
            }
        }
        for (std::size_t p = 0; p < phases; ++p)
            if (assigned[p] < 0)
                warnLimited(
                    layout.warnings, phaseWarnings,
                    QStringLiteral("slice %1 has no frame for phase %2: left blank").arg(s).arg(p));
    }

    VolumeGeometry& g = layout.geometry;
    // DICOM Pixel Spacing is (between rows, between columns) = (y, x).
    g.pixelSpacing = {first.pixelSpacing[1] > 0 ? first.pixelSpacing[1] : 1.0,
                      first.pixelSpacing[0] > 0 ? first.pixelSpacing[0] : 1.0};
    if (first.pixelSpacing[0] <= 0)
        layout.warnings << QStringLiteral("no Pixel Spacing: 1 mm assumed");
    g.sliceSpacing = spacing;
    g.sliceThickness = first.sliceThickness;
    const DicomFileEntry& originFile = files[std::size_t(slices.front().files.front())];
    if (originFile.position)
        g.origin = *originFile.position;
    for (int r = 0; r < 3; ++r) {
        g.direction[std::size_t(r * 3)] = row[std::size_t(r)];
        g.direction[std::size_t(r * 3 + 1)] = col[std::size_t(r)];
        g.direction[std::size_t(r * 3 + 2)] = normal[std::size_t(r)];
    }
    if (std::all_of(timeCount.begin(), timeCount.end(), [](int c) { return c > 0; })) {
        for (std::size_t p = 0; p < phases; ++p)
            g.triggerTimesMs.push_back(timeSum[p] / timeCount[p]);
        std::vector<double> steps;
        for (std::size_t p = 1; p < phases; ++p)
            steps.push_back(g.triggerTimesMs[p] - g.triggerTimesMs[p - 1]);
        g.frameTimeMs = median(steps);
    }
    layout.warnings << g.check(int(phases));
    return layout;
}

} // namespace cardiolens::imaging
