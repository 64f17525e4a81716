#include "imaging/DicomCineAssembler.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <optional>

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

// Gaps of up to this many spacings are filled with blank slices; a larger one is reported
// (filling it could allocate a huge volume for one stray file).
constexpr int kMaxFilledGap = 8;

// Every file single-frame and of the first file's size.
std::optional<Error> checkFrames(const std::vector<DicomFileEntry>& files) {
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
    return std::nullopt;
}

struct Orientation {
    Vec3 row{1, 0, 0}, col{0, 1, 0}, normal{0, 0, 1};
};

// One orientation for the whole series, orthonormalised when it is not.
Result<Orientation> seriesOrientation(const std::vector<DicomFileEntry>& files,
                                      QStringList& warnings) {
    const DicomFileEntry& first = files.front();
    Orientation o;
    if (first.orientation) {
        const auto& ref = *first.orientation;
        o.row = {ref[0], ref[1], ref[2]};
        o.col = {ref[3], ref[4], ref[5]};
        for (const auto& f : files) {
            if (!f.orientation)
                continue;
            double diff = 0.0;
            for (std::size_t i = 0; i < 6; ++i)
                diff = std::max(diff, std::abs((*f.orientation)[i] - ref[i]));
            if (diff > 1e-3)
                return fileError(f.path, QStringLiteral("image orientation differs from %1's: "
                                                        "the series mixes planes")
                                             .arg(fileName(first)));
        }
    } else {
        warnings << QStringLiteral("no Image Orientation (Patient): axial assumed");
    }
    if (std::abs(dot(o.row, o.row) - 1.0) > 1e-3 || std::abs(dot(o.col, o.col) - 1.0) > 1e-3 ||
        std::abs(dot(o.row, o.col)) > 1e-3) {
        warnings << QStringLiteral("image orientation is not orthonormal "
                                   "(row.col = %1): re-orthonormalised")
                        .arg(dot(o.row, o.col));
        o.row = normalised(o.row);
        o.col = normalised(minus(o.col, scaled(o.row, dot(o.row, o.col))));
    }
    o.normal = normalised(cross(o.row, o.col));
    return o;
}

// Files clustered into slices by their distance along the normal, nearest first.
std::vector<SliceGroup> groupSlices(const std::vector<DicomFileEntry>& files, const Vec3& normal,
                                    QStringList& warnings) {
    std::vector<std::pair<double, int>> byDistance;
    int withoutPosition = 0;
    for (int i = 0; i < int(files.size()); ++i) {
        const auto& f = files[std::size_t(i)];
        if (!f.position)
            ++withoutPosition;
        byDistance.emplace_back(f.position ? dot(*f.position, normal) : 0.0, i);
    }
    if (withoutPosition)
        warnings << QStringLiteral("%1 files without Image Position (Patient): treated "
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
    return slices;
}

// The median slice spacing; gaps of whole multiples (up to kMaxFilledGap) of it become blank
// slices, larger ones and uneven ones are warned about.
double fillSliceGaps(std::vector<SliceGroup>& slices, double singleSliceSpacing,
                     QStringList& warnings) {
    if (slices.size() < 2)
        return singleSliceSpacing;
    std::vector<double> gaps;
    for (std::size_t s = 1; s < slices.size(); ++s)
        gaps.push_back(slices[s].distance - slices[s - 1].distance);
    const double spacing = median(gaps);
    int spacingWarnings = 0;
    std::vector<SliceGroup> filled;
    filled.push_back(slices.front());
    for (std::size_t s = 1; s < slices.size(); ++s) {
        const double from = slices[s - 1].distance, to = slices[s].distance;
        const double gap = to - from;
        const double multiple = std::round(gap / spacing);
        const bool whole = std::abs(gap - multiple * spacing) <= 0.1 * spacing;
        if (whole && multiple >= 2 && multiple <= kMaxFilledGap) {
            warnings << QStringLiteral("%1 slice(s) missing between %2 and %3 mm along "
                                       "the normal: left blank")
                            .arg(int(multiple) - 1)
                            .arg(from, 0, 'f', 2)
                            .arg(to, 0, 'f', 2);
            for (int k = 1; k < int(multiple); ++k)
                filled.push_back({from + k * spacing, {}, true});
        } else if (whole && multiple > kMaxFilledGap) {
            warnings << QStringLiteral("a gap of %1 mm (%2 slice spacings) between %3 and %4 mm "
                                       "along the normal is too large to fill: slices beyond it "
                                       "are shown %5 mm nearer than they are")
                            .arg(gap, 0, 'f', 2)
                            .arg(int(multiple))
                            .arg(from, 0, 'f', 2)
                            .arg(to, 0, 'f', 2)
                            .arg(gap - spacing, 0, 'f', 2);
        } else if (!whole || multiple < 1) {
            warnLimited(warnings, spacingWarnings,
                        QStringLiteral("inconsistent slice spacing: %1 mm between %2 and %3 "
                                       "mm, median %4 mm used")
                            .arg(gap, 0, 'f', 3)
                            .arg(from, 0, 'f', 2)
                            .arg(to, 0, 'f', 2)
                            .arg(spacing, 0, 'f', 3));
        }
        filled.push_back(slices[s]);
    }
    slices = std::move(filled);
    return spacing;
}

// Orders each slice's files by trigger time (instance number when there is none) and returns
// the most common number of files per slice: the phase count.
std::size_t orderPhases(std::vector<SliceGroup>& slices, const std::vector<DicomFileEntry>& files) {
    for (auto& slice : slices) {
        std::sort(slice.files.begin(), slice.files.end(), [&](int a, int b) {
            const auto ta = files[std::size_t(a)].triggerTimeMs;
            const auto tb = files[std::size_t(b)].triggerTimeMs;
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
    return phases;
}

// Trigger times of the first complete slice; empty when one of them lacks a time.
std::vector<double> referenceTimes(const std::vector<SliceGroup>& slices,
                                   const std::vector<DicomFileEntry>& files, std::size_t phases) {
    for (const auto& slice : slices) {
        if (slice.files.size() != phases)
            continue;
        std::vector<double> times;
        for (int i : slice.files) {
            if (!files[std::size_t(i)].triggerTimeMs)
                return {};
            times.push_back(*files[std::size_t(i)].triggerTimeMs);
        }
        return times;
    }
    return {};
}

// Fills layout.frameFile; incomplete slices go by the nearest reference trigger time. Sets
// the geometry's per-phase trigger times when every phase has one.
void assignFrames(DicomCineLayout& layout, const std::vector<SliceGroup>& slices,
                  const std::vector<DicomFileEntry>& files, std::size_t phases) {
    const std::vector<double> reference = referenceTimes(slices, files, phases);
    auto timeOf = [&](int i) {
        return files[std::size_t(i)].triggerTimeMs;
    };
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
            if (slice.files.size() != phases && !reference.empty() && timeOf(file)) {
                phase = 0;
                for (std::size_t p = 1; p < phases; ++p)
                    if (std::abs(reference[p] - *timeOf(file)) <
                        std::abs(reference[phase] - *timeOf(file)))
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
    if (std::all_of(timeCount.begin(), timeCount.end(), [](int c) { return c > 0; })) {
        for (std::size_t p = 0; p < phases; ++p)
            g.triggerTimesMs.push_back(timeSum[p] / timeCount[p]);
        std::vector<double> steps;
        for (std::size_t p = 1; p < phases; ++p)
            steps.push_back(g.triggerTimesMs[p] - g.triggerTimesMs[p - 1]);
        g.frameTimeMs = median(steps);
    }
}

// Pixel spacing (known only when both values are present), thickness and orientation.
void setGeometry(VolumeGeometry& g, const DicomFileEntry& first, const Orientation& o,
                 QStringList& warnings) {
    // DICOM Pixel Spacing is (between rows, between columns) = (y, x).
    const double rowMm = first.pixelSpacing[0], columnMm = first.pixelSpacing[1];
    g.pixelSpacingKnown = rowMm > 0 && columnMm > 0;
    if (g.pixelSpacingKnown)
        g.pixelSpacing = {columnMm, rowMm};
    else if (rowMm > 0 || columnMm > 0)
        warnings << QStringLiteral("Pixel Spacing has only one usable value (%1 \\ %2): spacing "
                                   "unknown, lengths in pixels")
                        .arg(rowMm)
                        .arg(columnMm);
    else
        warnings << QStringLiteral("no Pixel Spacing: spacing unknown, lengths in pixels");
    g.sliceThickness = first.sliceThickness;
    for (std::size_t r = 0; r < 3; ++r) {
        g.direction[r * 3] = o.row[r];
        g.direction[r * 3 + 1] = o.col[r];
        g.direction[r * 3 + 2] = o.normal[r];
    }
}

} // namespace

Result<DicomCineLayout> DicomCineAssembler::assemble(const DicomSeries& series) {
    const auto& files = series.files;
    if (files.empty())
        return fileError(QString(), QStringLiteral("the series has no image files"));
    if (auto bad = checkFrames(files))
        return *bad;
    const DicomFileEntry& first = files.front();
    DicomCineLayout layout;
    auto orientation = seriesOrientation(files, layout.warnings);
    if (!orientation)
        return orientation.error();

    std::vector<SliceGroup> slices = groupSlices(files, orientation->normal, layout.warnings);
    const double spacing = fillSliceGaps(
        slices, first.sliceThickness > 0.0 ? first.sliceThickness : 1.0, layout.warnings);
    const std::size_t phases = orderPhases(slices, files);

    layout.extent = {first.columns, first.rows, int(slices.size()), int(phases)};
    layout.frameFile.assign(layout.extent.frameCount(), -1);
    assignFrames(layout, slices, files, phases);

    VolumeGeometry& g = layout.geometry;
    setGeometry(g, first, *orientation, layout.warnings);
    g.sliceSpacing = spacing;
    const DicomFileEntry& originFile = files[std::size_t(slices.front().files.front())];
    if (originFile.position)
        g.origin = *originFile.position;
    layout.warnings << g.check(int(phases));
    return layout;
}

} // namespace cardiolens::imaging
