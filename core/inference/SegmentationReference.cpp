#include "inference/SegmentationReference.h"

#include "imaging/DatasetLayout.h"
#include "imaging/DicomCineAssembler.h"
#include "imaging/DicomFolder.h"
#include "imaging/LabelledCaseLoader.h"
#include "imaging/PolygonRasterizer.h"

#include <QFileInfo>

#include <algorithm>
#include <map>

namespace cardiolens::inference {

using imaging::CardiacLabel;

namespace {
constexpr std::uint16_t bitOf(CardiacLabel label) {
    return std::uint16_t(1u << imaging::labelValue(label));
}

QString canonical(const QString& path) {
    const QFileInfo fi(path);
    const QString c = fi.canonicalFilePath();
    return c.isEmpty() ? fi.absoluteFilePath() : c;
}

// File (canonical path) -> frame index of \a image, by assembling its source again the way
// DicomReader did.
Result<std::map<QString, std::size_t>> framesOfFiles(const imaging::CineVolume& image) {
    const QString source = image.info().sourcePath;
    if (source.isEmpty())
        return Error{QStringLiteral("the image does not say which DICOM files it came from"), {}};
    std::map<QString, std::size_t> out;
    if (!QFileInfo(source).isDir()) {
        if (image.extent().frameCount() != 1)
            return fileError(source, QStringLiteral("a multi-frame file: contours cannot be "
                                                    "matched to its frames"));
        out[canonical(source)] = 0;
        return out;
    }
    auto scanned = imaging::DicomFolder::scan(source);
    if (!scanned)
        return scanned.error();
    if (scanned->empty())
        return fileError(source, QStringLiteral("no DICOM series"));
    const imaging::DicomSeries* series = &scanned->front();
    for (const imaging::DicomSeries& s : *scanned)
        if (s.seriesInstanceUid == image.info().seriesInstanceUid)
            series = &s;
    auto layout = imaging::DicomCineAssembler::assemble(*series);
    if (!layout)
        return layout.error();
    if (!(layout->extent == image.extent()))
        return fileError(source, QStringLiteral("the DICOM folder no longer assembles to the "
                                                "image's slices x phases"));
    for (std::size_t f = 0; f < layout->frameFile.size(); ++f) {
        const int file = layout->frameFile[f];
        if (file >= 0)
            out[canonical(series->files[std::size_t(file)].path)] = f;
    }
    return out;
}
} // namespace

bool ReferenceLabels::annotates(int slice, int phase, CardiacLabel label) const {
    const std::size_t f = labels.volume().frameIndex(slice, phase);
    return f < annotated.size() && (annotated[f] & bitOf(label)) != 0;
}

int ReferenceLabels::framesAnnotating(CardiacLabel label) const {
    return int(std::count_if(annotated.begin(), annotated.end(),
                             [&](std::uint16_t bits) { return (bits & bitOf(label)) != 0; }));
}

Result<ReferenceLabels> sunnybrookReference(const imaging::DatasetCase& c,
                                            const imaging::CineVolume& image) {
    if (c.contours.empty())
        return fileError(c.folder, QStringLiteral("no Sunnybrook contour files"));
    auto frames = framesOfFiles(image);
    if (!frames)
        return frames.error();
    auto labels = imaging::LabelVolume::like(image);
    if (!labels)
        return labels.error();
    ReferenceLabels ref{
        std::move(*labels), std::vector<std::uint16_t>(image.extent().frameCount()), c.folder, {}};
    const int w = image.width(), h = image.height();
    int inner = 0, outer = 0, unmatched = 0;
    // Outer contours first (blood pool + myocardium), inner ones drawn over them.
    for (auto kind :
         {imaging::SunnybrookContourKind::Outer, imaging::SunnybrookContourKind::Inner}) {
        for (const imaging::SunnybrookContourFile& f : c.contours) {
            if (f.kind != kind)
                continue;
            const auto it = frames->find(canonical(f.dicom));
            if (it == frames->end()) {
                ++unmatched; // Drawn on an image that is not part of this series.
                continue;
            }
            auto polygon = imaging::readSunnybrookContour(f.contour);
            if (!polygon)
                return polygon.error();
            const std::size_t frame = it->second;
            const int slice = int(frame % std::size_t(image.slices()));
            const int phase = int(frame / std::size_t(image.slices()));
            auto out = ref.labels.frame(slice, phase);
            imaging::Mask2D mask(w, h);
            std::copy(out.pixels().begin(), out.pixels().end(), mask.values.begin());
            imaging::PolygonRasterizer::fill(
                *polygon, mask, imaging::labelValue(imaging::sunnybrookContourLabel(kind)));
            std::copy(mask.values.begin(), mask.values.end(), out.pixels().begin());
            const bool isInner = kind == imaging::SunnybrookContourKind::Inner;
            ref.annotated[frame] |=
                bitOf(isInner ? CardiacLabel::LvBloodPool : CardiacLabel::LvMyocardium);
            ++(isInner ? inner : outer);
        }
    }
    if (inner + outer == 0)
        return fileError(c.folder, QStringLiteral("the contours of %1 were drawn on none of the "
                                                  "images of %2")
                                       .arg(c.caseId, image.info().sourcePath));
    ref.description = QStringLiteral("Sunnybrook expert contours of %1: %2 endocardial, %3 "
                                     "epicardial")
                          .arg(c.caseId)
                          .arg(inner)
                          .arg(outer);
    if (unmatched)
        ref.description +=
            QStringLiteral(" (%1 drawn on images not loaded, ignored)").arg(unmatched);
    return ref;
}

Result<ReferenceLabels> labelFileReference(const QString& path, imaging::LabelConvention convention,
                                           const imaging::CineVolume& image) {
    auto labels = imaging::LabelledCaseLoader::readLabels(path, convention);
    if (!labels)
        return labels.error();
    if (!labels->matches(image))
        return fileError(path, QStringLiteral("label grid %1x%2x%3x%4 differs from the image's "
                                              "%5x%6x%7x%8")
                                   .arg(labels->extent().width)
                                   .arg(labels->extent().height)
                                   .arg(labels->extent().slices)
                                   .arg(labels->extent().phases)
                                   .arg(image.width())
                                   .arg(image.height())
                                   .arg(image.slices())
                                   .arg(image.phases()));
    std::uint16_t all = 0;
    if (convention == imaging::LabelConvention::Internal) {
        for (const auto& info : imaging::cardiacLabelTable())
            if (info.label != CardiacLabel::Background)
                all |= bitOf(info.label);
    } else {
        const auto mapping = imaging::LabelMapping::forConvention(convention);
        for (const auto& entry : mapping.entries())
            all |= bitOf(entry.second);
    }
    ReferenceLabels ref{std::move(*labels), {}, path, {}};
    int labelled = 0;
    for (int p = 0; p < image.phases(); ++p)
        for (int s = 0; s < image.slices(); ++s) {
            const auto px = std::as_const(ref.labels).frame(s, p).pixels();
            const bool any = std::any_of(px.begin(), px.end(), [](auto v) { return v != 0; });
            ref.annotated.push_back(any ? all : 0);
            labelled += any;
        }
    ref.description = QStringLiteral("label file %1 (%2 convention): %3 labelled frames")
                          .arg(QFileInfo(path).fileName(), imaging::labelConventionName(convention))
                          .arg(labelled);
    return ref;
}

Result<ReferenceLabels> loadReference(const QString& path, const imaging::CineVolume& image,
                                      imaging::LabelConvention convention) {
    if (!QFileInfo::exists(path))
        return fileError(path, QStringLiteral("no such reference file or folder"));
    if (imaging::DatasetLayout::detect(path) == imaging::DatasetKind::Sunnybrook) {
        auto c = imaging::DatasetLayout::openSunnybrook(path);
        if (!c)
            return c.error();
        return sunnybrookReference(*c, image);
    }
    return labelFileReference(path, convention, image);
}

Result<ReferenceLabels> findReference(const imaging::CineVolume& image) {
    const QString source = image.info().sourcePath;
    if (source.isEmpty() ||
        imaging::DatasetLayout::detect(source) != imaging::DatasetKind::Sunnybrook)
        return fileError(source, QStringLiteral("no expert labels found beside the image (only "
                                                "Sunnybrook contours are found automatically)"));
    return loadReference(source, image);
}

} // namespace cardiolens::inference
