#include "imaging/LabelledCaseLoader.h"

#include "imaging/DatasetLayout.h"
#include "imaging/ImageLoader.h"
#include "imaging/PolygonRasterizer.h"

#include <QJsonArray>

#include <algorithm>

namespace cardiolens::imaging {

namespace {
Result<CineVolume> readVolumeFile(const QString& path) {
    return ImageLoader::load(path); // NIfTI, MetaImage, NRRD, DICOM by content and name
}

Mask2D maskOf(const LabelVolume& labels, int slice = 0, int phase = 0) {
    Mask2D m(labels.extent().width, labels.extent().height);
    const auto px = labels.frame(slice, phase).pixels();
    std::copy(px.begin(), px.end(), m.values.begin());
    return m;
}

Result<CaseMetrics> acdcMetrics(const DatasetCase& c) {
    // ACDC labels the ED and ES frames in separate files: stack them as two phases.
    LabelCine cine;
    CaseMetrics out;
    for (const LabelledFrameFiles& f : c.frames) {
        if (f.labels.isEmpty())
            continue;
        auto labels = LabelledCaseLoader::readLabels(f.labels, c.convention);
        if (!labels)
            return labels.error();
        const VolumeExtent& e = labels->extent();
        if (cine.nt == 0) {
            cine.nx = e.width;
            cine.ny = e.height;
            cine.nz = e.slices;
            const VolumeGeometry& g = labels->geometry();
            cine.spacing = {g.pixelSpacing[0], g.pixelSpacing[1], g.sliceSpacing};
        } else if (e.width != cine.nx || e.height != cine.ny || e.slices != cine.nz) {
            return fileError(f.labels, QStringLiteral("label grid differs from the other frames"));
        }
        if (e.phases != 1)
            out.warnings
                << QStringLiteral("%1: %2 phases, the first is used").arg(f.labels).arg(e.phases);
        const auto px = labels->frame(0, 0).pixels();
        const std::size_t frameBytes = px.size() * std::size_t(e.slices);
        cine.labels.insert(cine.labels.end(), px.data(), px.data() + frameBytes);
        cine.frameNumbers.push_back(f.frame);
        ++cine.nt;
    }
    if (cine.nt == 0)
        return fileError(c.folder, QStringLiteral("no _gt label files in the case"));
    CineMetricsOptions o{c.edFrame, c.esFrame, c.heightCm, c.weightKg};
    auto m = computeCineMetrics(cine, o);
    if (!m)
        return fileError(c.folder, m.error().message);
    out.cine = *m;
    return out;
}

Result<CaseMetrics> mnmsMetrics(const DatasetCase& c) {
    if (c.cineLabels.isEmpty())
        return fileError(c.folder, QStringLiteral("no %1_sa_gt labels").arg(c.caseId));
    auto labels = LabelledCaseLoader::readLabels(c.cineLabels, c.convention);
    if (!labels)
        return labels.error();
    CineMetricsOptions o{c.edFrame, c.esFrame, c.heightCm, c.weightKg};
    auto m = computeCineMetrics(labelCineView(*labels), o);
    if (!m)
        return fileError(c.cineLabels, m.error().message);
    CaseMetrics out;
    out.cine = *m;
    return out;
}

Result<CaseMetrics> camusMetrics(const DatasetCase& c) {
    CaseMetrics out;
    out.echo = EchoMetrics{};
    const std::uint8_t lv = labelValue(CardiacLabel::LvBloodPool);
    const std::uint8_t la = labelValue(CardiacLabel::LeftAtrium);
    for (const CamusView& view : c.views) {
        const bool four = view.name == QLatin1String("4CH");
        for (const auto* files : {&view.ed, &view.es}) {
            if (!*files || (*files)->labels.isEmpty())
                continue;
            auto labels = LabelledCaseLoader::readLabels((*files)->labels, c.convention);
            if (!labels)
                return labels.error();
            const auto& sp = labels->geometry().pixelSpacing;
            auto measure = measureEchoView(maskOf(*labels), {sp[0], sp[1]}, lv, la);
            if (!measure)
                return fileError((*files)->labels, measure.error().message);
            const bool ed = files == &view.ed;
            (four ? (ed ? out.echo->ed4ch : out.echo->es4ch)
                  : (ed ? out.echo->ed2ch : out.echo->es2ch)) = *measure;
        }
    }
    // Labelled sequences (w x h x frames, stored as slices or as phases).
    for (const CamusView& view : c.views) {
        if (view.sequenceLabels.isEmpty())
            continue;
        auto labels = LabelledCaseLoader::readLabels(view.sequenceLabels, c.convention);
        if (!labels)
            return labels.error();
        const auto& sp = labels->geometry().pixelSpacing;
        auto& seq =
            view.name == QLatin1String("4CH") ? out.echo->sequence4ch : out.echo->sequence2ch;
        for (int p = 0; p < labels->extent().phases; ++p)
            for (int z = 0; z < labels->extent().slices; ++z)
                if (auto m = measureEchoView(maskOf(*labels, z, p), {sp[0], sp[1]}, lv, la); m)
                    seq.push_back(*m);
    }
    if (!out.echo->ed2ch && !out.echo->ed4ch)
        return fileError(c.folder, QStringLiteral("no ED _gt labels in the case"));
    return out;
}

Result<CaseMetrics> echoNetMetrics(const DatasetCase& c) {
    bool ok = false;
    int w = c.info.value(QStringLiteral("FrameWidth")).toInt(&ok);
    w = ok && w > 0 && w <= 4096 ? w : 112;
    int h = c.info.value(QStringLiteral("FrameHeight")).toInt(&ok);
    h = ok && h > 0 && h <= 4096 ? h : 112;
    CaseMetrics out;
    out.calibrated = false; // EchoNet videos carry no pixel size
    out.echo = EchoMetrics{};
    for (const EchoNetTracing& t : c.tracings) {
        Mask2D mask(w, h);
        PolygonRasterizer::fill(t.outline, mask, 1);
        auto measure = measureEchoView(mask, {1.0, 1.0}, 1, std::nullopt, t.axis);
        if (!measure)
            return fileError(
                c.folder, QStringLiteral("frame %1: %2").arg(t.frame).arg(measure.error().message));
        if (c.edFrame && t.frame == *c.edFrame)
            out.echo->ed4ch = *measure;
        else if (c.esFrame && t.frame == *c.esFrame)
            out.echo->es4ch = *measure;
    }
    if (!out.echo->ed4ch)
        return fileError(c.folder, QStringLiteral("%1 has no traced ED frame").arg(c.caseId));
    return out;
}

Result<CaseMetrics> sunnybrookMetrics(const DatasetCase& c) {
    CaseMetrics out;
    auto cine = LabelledCaseLoader::sunnybrookLabels(c, &out.warnings);
    if (!cine)
        return cine.error();
    auto m = computeCineMetrics(*cine);
    if (!m)
        return fileError(c.folder, m.error().message);
    out.cine = *m;
    return out;
}
} // namespace

Result<LabelVolume> LabelledCaseLoader::readLabels(const QString& path,
                                                   LabelConvention convention) {
    auto volume = readVolumeFile(path);
    if (!volume)
        return volume.error();
    auto labels = LabelVolume::fromVolume(std::move(*volume));
    if (!labels)
        return fileError(path, labels.error().message);
    LabelMapping::forConvention(convention).importInPlace(labels->labels());
    return labels;
}

Result<CaseMetrics> LabelledCaseLoader::metrics(const QString& path) {
    auto c = DatasetLayout::open(path);
    if (!c)
        return c.error();
    return metrics(*c);
}

Result<CaseMetrics> LabelledCaseLoader::metrics(const DatasetCase& c) {
    Result<CaseMetrics> out = Error{};
    switch (c.kind) {
    case DatasetKind::Acdc:
        out = acdcMetrics(c);
        break;
    case DatasetKind::Mnms:
        out = mnmsMetrics(c);
        break;
    case DatasetKind::Camus:
        out = camusMetrics(c);
        break;
    case DatasetKind::EchoNet:
        out = echoNetMetrics(c);
        break;
    case DatasetKind::Sunnybrook:
        out = sunnybrookMetrics(c);
        break;
    }
    if (out) {
        out->datasetCase = c;
        out->warnings = c.warnings + out->warnings;
        if (out->cine)
            out->warnings += out->cine->warnings;
    }
    return out;
}

Result<CaseMetrics> LabelledCaseLoader::metricsForPair(const QString& image,
                                                       const QString& labelsPath,
                                                       LabelConvention convention,
                                                       const CineMetricsOptions& options) {
    auto labels = readLabels(labelsPath, convention);
    if (!labels)
        return labels.error();
    CaseMetrics out;
    if (!image.isEmpty()) {
        auto volume = readVolumeFile(image);
        if (!volume)
            return volume.error();
        if (!labels->matches(*volume))
            return fileError(labelsPath,
                             QStringLiteral("label grid %1x%2x%3x%4 does not match the image's")
                                 .arg(labels->extent().width)
                                 .arg(labels->extent().height)
                                 .arg(labels->extent().slices)
                                 .arg(labels->extent().phases));
    }
    auto m = computeCineMetrics(labelCineView(*labels), options);
    if (!m)
        return fileError(labelsPath, m.error().message);
    out.cine = *m;
    out.warnings += m->warnings;
    return out;
}

QJsonObject CaseMetrics::toJson() const {
    QJsonObject o;
    if (cine) {
        o = cine->toJson();
        o.remove(QStringLiteral("metric_warnings")); // merged into "warnings" below
    }
    if (echo) {
        const QJsonObject e = echo->toJson();
        for (auto it = e.begin(); it != e.end(); ++it)
            o.insert(it.key(), it.value());
    }
    if (datasetCase) {
        const DatasetCase& c = *datasetCase;
        o[QStringLiteral("dataset")] = datasetKindName(c.kind);
        o[QStringLiteral("case")] = c.caseId;
        o[QStringLiteral("folder")] = c.folder;
        o[QStringLiteral("label_convention")] = labelConventionName(c.convention);
        if (!c.group.isEmpty())
            o[QStringLiteral("group")] = c.group;
        if (c.heightCm)
            o[QStringLiteral("height_cm")] = *c.heightCm;
        if (c.weightKg)
            o[QStringLiteral("weight_kg")] = *c.weightKg;
        if (echo) {
            if (c.edFrame)
                o[QStringLiteral("ed_phase")] = *c.edFrame;
            if (c.esFrame)
                o[QStringLiteral("es_phase")] = *c.esFrame;
            for (const CamusView& v : c.views) {
                if (v.name == QLatin1String("4CH") || !o.contains(QStringLiteral("ed_phase"))) {
                    if (v.edFrame)
                        o[QStringLiteral("ed_phase")] = *v.edFrame;
                    if (v.esFrame)
                        o[QStringLiteral("es_phase")] = *v.esFrame;
                }
            }
        }
    }
    o[QStringLiteral("volume_units")] =
        calibrated ? QStringLiteral("ml") : QStringLiteral("uncalibrated (pixel^3 / 1000)");
    o[QStringLiteral("warnings")] = QJsonArray::fromStringList(warnings);
    return o;
}

} // namespace cardiolens::imaging
