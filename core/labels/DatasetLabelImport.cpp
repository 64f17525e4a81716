#include "labels/DatasetLabelImport.h"

#include "imaging/CaseAnnotations.h"
#include "imaging/DatasetLayout.h"
#include "imaging/ImageLoader.h"
#include "imaging/LabelledCaseLoader.h"
#include "imaging/PolygonRasterizer.h"
#include "labels/LabelConventionName.h"

#include <QFileInfo>

#include <algorithm>
#include <cstring>

namespace cardiolens::labels {

using namespace imaging;

namespace {
int countLabelledFrames(const LabelVolume& labels) {
    int n = 0;
    for (int p = 0; p < labels.extent().phases; ++p)
        for (int z = 0; z < labels.extent().slices; ++z) {
            const auto px = labels.frame(z, p).pixels();
            n += std::any_of(px.begin(), px.end(), [](std::uint8_t v) { return v != 0; });
        }
    return n;
}

CaseDescription describe(const QString& imagePath, const CineVolume& image, const DatasetCase* c) {
    CaseDescription d;
    d.path = imagePath;
    d.modality = image.info().modality;
    if (c) {
        d.dataset = datasetKindName(c->kind);
        d.caseName = c->caseId;
    }
    return d;
}

// Copies the labelled phases of \a cine (nz = image slices) onto their cine frames.
Result<int> placeFrames(const LabelCine& cine, LabelVolume& labels, const QString& where) {
    const VolumeExtent& e = labels.extent();
    if (cine.nx != e.width || cine.ny != e.height || cine.nz != e.slices)
        return fileError(where, QStringLiteral("labels are %1x%2x%3, the image %4x%5x%6")
                                    .arg(cine.nx)
                                    .arg(cine.ny)
                                    .arg(cine.nz)
                                    .arg(e.width)
                                    .arg(e.height)
                                    .arg(e.slices));
    for (int p = 0; p < cine.nt; ++p) {
        const int frame = cine.frameNumbers.empty() ? p : cine.frameNumbers[std::size_t(p)];
        if (frame < 0 || frame >= e.phases)
            return fileError(where, QStringLiteral("labelled frame %1 is beyond the image's %2")
                                        .arg(frame)
                                        .arg(e.phases));
        for (int z = 0; z < cine.nz; ++z) {
            const std::uint8_t* src = cine.phaseData(p) + cine.sliceSize() * std::size_t(z);
            std::memcpy(labels.frame(z, frame).pixels().data(), src, cine.sliceSize());
        }
    }
    return cine.nt;
}

Result<ImportedLabels> importShortAxis(const DatasetCase& c) {
    auto image = ImageLoader::load(c.cineImage);
    if (!image)
        return image.error();
    auto annotations = annotationsOnImage(c, *image);
    if (!annotations)
        return annotations.error();
    auto labels = LabelVolume::like(*image);
    if (!labels)
        return labels.error();
    auto placed = placeFrames(annotations->labels, *labels, c.folder);
    if (!placed)
        return placed.error();
    ImportedLabels out{describe(c.cineImage, *image, &c), datasetKindName(c.kind),
                       std::move(*labels), *placed, c.warnings + annotations->warnings};
    return out;
}

Result<ImportedLabels> importEchoNet(const DatasetCase& c) {
    auto summary = ImageLoader::inspect(c.cineImage);
    if (!summary)
        return summary.error();
    auto labels = LabelVolume::create(summary->extent, summary->geometry);
    if (!labels)
        return fileError(c.cineImage, labels.error().message);
    const VolumeExtent& e = labels->extent();
    int placed = 0;
    for (const EchoNetTracing& t : c.tracings) {
        if (t.frame < 0 || t.frame >= e.phases)
            return fileError(c.folder, QStringLiteral("%1: traced frame %2 is beyond the "
                                                      "video's %3 frames")
                                           .arg(c.caseId)
                                           .arg(t.frame)
                                           .arg(e.phases));
        Mask2D mask(e.width, e.height);
        PolygonRasterizer::fill(t.outline, mask, labelValue(CardiacLabel::LvBloodPool));
        std::copy(mask.values.begin(), mask.values.end(),
                  labels->frame(0, t.frame).pixels().data());
        ++placed;
    }
    if (placed == 0)
        return fileError(c.folder, QStringLiteral("%1 has no tracings").arg(c.caseId));
    ImportedLabels out;
    out.caseDescription = {c.cineImage, QStringLiteral("US"), datasetKindName(c.kind), c.caseId};
    out.datasetName = datasetKindName(c.kind);
    out.labels = std::move(*labels);
    out.labelledFrames = placed;
    out.warnings = c.warnings;
    return out;
}

Result<ImportedLabels> importCamus(const DatasetCase& c) {
    const CamusView* view = nullptr;
    for (const CamusView& v : c.views)
        if (!view || v.name == QLatin1String("4CH"))
            view = &v;
    if (!view)
        return fileError(c.folder, QStringLiteral("no CAMUS view in the case"));
    if (view->sequence.isEmpty()) {
        // No sequence: the ED frame pair is the case.
        if (!view->ed || view->ed->labels.isEmpty())
            return fileError(c.folder, QStringLiteral("%1 view has no ED labels").arg(view->name));
        return DatasetLabelImport::fromFile(view->ed->image, view->ed->labels,
                                            labelConventionName(c.convention),
                                            datasetKindName(c.kind));
    }
    if (!view->sequenceLabels.isEmpty())
        return DatasetLabelImport::fromFile(view->sequence, view->sequenceLabels,
                                            labelConventionName(c.convention),
                                            datasetKindName(c.kind));
    // ED/ES _gt frames placed on the sequence (frames stored as slices or as phases).
    auto image = ImageLoader::load(view->sequence);
    if (!image)
        return image.error();
    auto labels = LabelVolume::like(*image);
    if (!labels)
        return labels.error();
    const VolumeExtent& e = labels->extent();
    int placed = 0;
    for (const auto& [files, frame] :
         {std::pair{&view->ed, view->edFrame}, std::pair{&view->es, view->esFrame}}) {
        if (!*files || (*files)->labels.isEmpty() || !frame)
            continue;
        auto one = LabelledCaseLoader::readLabels((*files)->labels, c.convention);
        if (!one)
            return one.error();
        if (one->extent().width != e.width || one->extent().height != e.height)
            return fileError((*files)->labels,
                             QStringLiteral("frame size differs from the sequence"));
        const bool asSlices = e.phases == 1;
        const int z = asSlices ? *frame : 0, p = asSlices ? 0 : *frame;
        if (z >= e.slices || p >= e.phases)
            return fileError((*files)->labels,
                             QStringLiteral("frame %1 is beyond the sequence").arg(*frame));
        const auto src = one->frame(0, 0).pixels();
        std::memcpy(labels->frame(z, p).pixels().data(), src.data(), src.size());
        ++placed;
    }
    ImportedLabels out{describe(view->sequence, *image, &c), datasetKindName(c.kind),
                       std::move(*labels), placed, c.warnings};
    return out;
}
} // namespace

Result<ImportedLabels> DatasetLabelImport::fromDataset(const QString& casePath) {
    auto c = DatasetLayout::open(casePath);
    if (!c)
        return c.error();
    Result<ImportedLabels> out = fileError(casePath, QStringLiteral("unknown dataset layout"));
    switch (c->kind) {
    case DatasetKind::Sunnybrook:
    case DatasetKind::Acdc:
    case DatasetKind::Mnms:
        out = importShortAxis(*c);
        break;
    case DatasetKind::EchoNet:
        out = importEchoNet(*c);
        break;
    case DatasetKind::Camus:
        out = importCamus(*c);
        break;
    }
    if (out) {
        out->labelledFrames = countLabelledFrames(out->labels);
        if (out->labelledFrames == 0)
            return fileError(casePath, QStringLiteral("the case's expert labels are empty"));
    }
    return out;
}

Result<ImportedLabels> DatasetLabelImport::fromFile(const QString& casePath,
                                                    const QString& labelFile,
                                                    const QString& conventionName,
                                                    const QString& datasetName) {
    std::optional<DatasetCase> datasetCase;
    QString imagePath = casePath;
    if (DatasetLayout::detect(casePath)) {
        if (auto c = DatasetLayout::open(casePath); c && !c->cineImage.isEmpty()) {
            imagePath = c->cineImage;
            datasetCase = *c;
        }
    }
    LabelConvention convention = datasetCase ? datasetCase->convention : LabelConvention::Internal;
    if (!conventionName.isEmpty()) {
        auto named = labelConventionFromName(conventionName);
        if (!named)
            return fileError(labelFile, QStringLiteral("unknown label convention %1 (internal, "
                                                       "acdc, mnms, camus, echonet)")
                                            .arg(conventionName));
        convention = *named;
    }
    auto image = ImageLoader::load(imagePath);
    if (!image)
        return image.error();
    auto labels = LabelledCaseLoader::readLabels(labelFile, convention);
    if (!labels)
        return labels.error();
    if (!labels->matches(*image))
        return fileError(
            labelFile,
            QStringLiteral("label grid %1x%2x%3x%4 does not match the image %5 (%6x%7x%8x%9)")
                .arg(labels->extent().width)
                .arg(labels->extent().height)
                .arg(labels->extent().slices)
                .arg(labels->extent().phases)
                .arg(imagePath)
                .arg(image->width())
                .arg(image->height())
                .arg(image->slices())
                .arg(image->phases()));
    // Stored on the image's grid: its geometry, not the label file's.
    labels->geometry() = image->geometry();
    ImportedLabels out;
    out.caseDescription = describe(imagePath, *image, datasetCase ? &*datasetCase : nullptr);
    out.datasetName = !datasetName.isEmpty() ? datasetName
                      : datasetCase          ? datasetKindName(datasetCase->kind)
                                             : QFileInfo(labelFile).completeBaseName();
    out.labelledFrames = countLabelledFrames(*labels);
    out.labels = std::move(*labels);
    if (datasetCase)
        out.warnings = datasetCase->warnings;
    return out;
}

} // namespace cardiolens::labels
