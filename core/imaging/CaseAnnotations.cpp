#include "imaging/CaseAnnotations.h"

#include "imaging/DatasetLayout.h"
#include "imaging/DicomFolder.h"
#include "imaging/LabelledCaseLoader.h"
#include "imaging/Mask2D.h"
#include "imaging/PolygonRasterizer.h"

#include <algorithm>
#include <cmath>

namespace cardiolens::imaging {

namespace {

Result<bool> appendLabelledFrame(LabelCine& out, const LabelVolume& labels, int phase, int frame,
                                 const QString& file) {
    const VolumeExtent& e = labels.extent();
    if (e.width != out.nx || e.height != out.ny || e.slices != out.nz)
        return fileError(file, QStringLiteral("labels are %1x%2x%3, the image %4x%5x%6")
                                   .arg(e.width)
                                   .arg(e.height)
                                   .arg(e.slices)
                                   .arg(out.nx)
                                   .arg(out.ny)
                                   .arg(out.nz));
    const auto first = labels.frame(0, phase).pixels();
    out.labels.insert(out.labels.end(), first.data(), first.data() + out.phaseSize());
    out.frameNumbers.push_back(frame);
    ++out.nt;
    return true;
}

// Slice index of a DICOM image position in \a image (projection on the slice normal).
int sliceOfPosition(const CineVolume& image, const std::array<double, 3>& position) {
    const VolumeGeometry& g = image.geometry();
    if (image.slices() <= 1 || g.sliceSpacing <= 0.0)
        return 0;
    const auto n = g.sliceNormal();
    double d = 0.0;
    for (std::size_t i = 0; i < 3; ++i)
        d += (position[i] - g.origin[i]) * n[i];
    return int(std::lround(d / g.sliceSpacing));
}

Result<bool> sunnybrookContours(const DatasetCase& c, const CineVolume& image,
                                CaseAnnotations& out) {
    const VolumeGeometry& g = image.geometry();
    // Trigger times differ a little from slice to slice: a contour's phase is the rank of
    // its image's trigger time among the images at the same slice position.
    std::vector<std::vector<double>> timesBySlice(std::size_t(image.slices()));
    if (auto scanned = DicomFolder::scan(c.cineImage)) {
        for (const DicomSeries& series : *scanned)
            for (const DicomFileEntry& e : series.files) {
                if (!e.position || !e.triggerTimeMs)
                    continue;
                const int s = sliceOfPosition(image, *e.position);
                if (s >= 0 && s < image.slices())
                    timesBySlice[std::size_t(s)].push_back(*e.triggerTimeMs);
            }
        for (auto& times : timesBySlice)
            std::sort(times.begin(), times.end());
    }
    std::vector<int> phases; // contoured cine phases, sorted
    for (const SunnybrookContourFile& f : c.contours) {
        auto entry = DicomFolder::scanFile(f.dicom);
        if (!entry || entry->files.empty()) {
            out.warnings << QStringLiteral("%1: no DICOM header, contour skipped").arg(f.dicom);
            continue;
        }
        const DicomFileEntry& e = entry->files.front();
        const int slice = e.position ? sliceOfPosition(image, *e.position) : 0;
        int phase = 0;
        const std::vector<double>* times =
            slice >= 0 && slice < image.slices() ? &timesBySlice[std::size_t(slice)] : nullptr;
        if (e.triggerTimeMs && times && times->size() == std::size_t(image.phases())) {
            phase = int(std::lower_bound(times->begin(), times->end(), *e.triggerTimeMs - 1e-3) -
                        times->begin());
        } else if (e.triggerTimeMs && g.triggerTimesMs.size() == std::size_t(image.phases())) {
            double best = 1e300;
            for (int p = 0; p < image.phases(); ++p) {
                const double dt = std::abs(g.triggerTimesMs[std::size_t(p)] - *e.triggerTimeMs);
                if (dt < best) {
                    best = dt;
                    phase = p;
                }
            }
        } else if (image.phases() > 1) {
            phase = (std::max(e.instanceNumber, 1) - 1) % image.phases();
        }
        if (slice < 0 || slice >= image.slices()) {
            out.warnings << QStringLiteral("%1 lies outside the cine's slices").arg(f.contour);
            continue;
        }
        auto polygon = readSunnybrookContour(f.contour);
        if (!polygon)
            return polygon.error();
        out.contours.push_back({slice, phase, f.kind, std::move(*polygon)});
        phases.push_back(phase);
    }
    if (out.contours.empty())
        return fileError(c.folder, QStringLiteral("no contour matches a frame of the cine"));
    std::sort(phases.begin(), phases.end());
    phases.erase(std::unique(phases.begin(), phases.end()), phases.end());
    LabelCine& l = out.labels;
    l.nt = int(phases.size());
    l.frameNumbers = phases;
    l.labels.assign(l.phaseSize() * std::size_t(l.nt), 0);
    // Outer contours (myocardium) first, inner ones (blood pool) drawn over them.
    for (SunnybrookContourKind kind :
         {SunnybrookContourKind::Outer, SunnybrookContourKind::Inner}) {
        for (const FrameContour& fc : out.contours) {
            if (fc.kind != kind)
                continue;
            const auto p =
                std::lower_bound(phases.begin(), phases.end(), fc.phase) - phases.begin();
            std::uint8_t* dst = l.phaseData(int(p)) + l.sliceSize() * std::size_t(fc.slice);
            Mask2D mask(l.nx, l.ny);
            std::copy(dst, dst + l.sliceSize(), mask.values.begin());
            PolygonRasterizer::fill(fc.points, mask, labelValue(sunnybrookContourLabel(kind)));
            std::copy(mask.values.begin(), mask.values.end(), dst);
        }
    }
    return true;
}

} // namespace

Result<CaseAnnotations> annotationsOnImage(const DatasetCase& c, const CineVolume& image) {
    CaseAnnotations out;
    LabelCine& l = out.labels;
    l.nx = image.width();
    l.ny = image.height();
    l.nz = image.slices();
    const VolumeGeometry& g = image.geometry();
    l.spacing = {g.pixelSpacing[0], g.pixelSpacing[1], g.sliceSpacing};
    out.metricsOptions = {c.edFrame, c.esFrame, c.heightCm, c.weightKg};

    switch (c.kind) {
    case DatasetKind::Acdc:
        for (const LabelledFrameFiles& f : c.frames) {
            if (f.labels.isEmpty())
                continue;
            auto labels = LabelledCaseLoader::readLabels(f.labels, c.convention);
            if (!labels)
                return labels.error();
            if (f.frame < 0 || f.frame >= image.phases())
                return fileError(f.labels, QStringLiteral("frame %1 is beyond the cine's %2 phases")
                                               .arg(f.frame)
                                               .arg(image.phases()));
            auto ok = appendLabelledFrame(l, *labels, 0, f.frame, f.labels);
            if (!ok)
                return ok.error();
        }
        break;
    case DatasetKind::Mnms: {
        if (c.cineLabels.isEmpty())
            break;
        auto labels = LabelledCaseLoader::readLabels(c.cineLabels, c.convention);
        if (!labels)
            return labels.error();
        if (labels->extent().phases != image.phases())
            return fileError(c.cineLabels, QStringLiteral("label phases differ from the image"));
        for (int p = 0; p < labels->extent().phases; ++p) {
            auto ok = appendLabelledFrame(l, *labels, p, p, c.cineLabels);
            if (!ok)
                return ok.error();
        }
        break;
    }
    case DatasetKind::Sunnybrook: {
        auto ok = sunnybrookContours(c, image, out);
        if (!ok)
            return ok.error();
        break;
    }
    default:
        return fileError(c.folder, QStringLiteral("%1 annotations are not shown on the cine yet")
                                       .arg(datasetKindName(c.kind)));
    }
    if (l.nt == 0)
        return fileError(c.folder, QStringLiteral("the case has no labels"));
    return out;
}

const std::uint8_t* labelFrame(const LabelCine& labels, int slice, int phase) {
    if (slice < 0 || slice >= labels.nz ||
        labels.labels.size() != labels.phaseSize() * std::size_t(labels.nt))
        return nullptr;
    for (int p = 0; p < labels.nt; ++p) {
        const int frame = labels.frameNumbers.empty() ? p : labels.frameNumbers[std::size_t(p)];
        if (frame == phase)
            return labels.phaseData(p) + labels.sliceSize() * std::size_t(slice);
    }
    return nullptr;
}

} // namespace cardiolens::imaging
