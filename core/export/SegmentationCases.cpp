#include "export/SegmentationCases.h"

#include "imaging/CardiacLabel.h"
#include "imaging/ImageLoader.h"
#include "imaging/NiftiWriter.h"

#include <QDir>

#include <algorithm>
#include <cstring>
#include <limits>

namespace cardiolens::exports {

using namespace imaging;

ExportLabelTable ExportLabelTable::build(const ExportOptions& options) {
    ExportLabelTable t;
    t.names.emplace_back(QStringLiteral("background"), 0);
    const LabelMapping mapping = LabelMapping::forConvention(options.convention);
    auto entries = mapping.entries();
    std::sort(entries.begin(), entries.end());
    for (const auto& [value, label] : entries)
        t.names.emplace_back(QString::fromLatin1(cardiacLabelInfo(label).key), int(value));
    if (options.ignoreLabel) {
        t.ignoreValue = t.names.back().second + 1;
        t.names.emplace_back(QStringLiteral("ignore"), t.ignoreValue);
    }
    return t;
}

void SegmentationCases::applyIgnoreBand(std::span<std::uint8_t> plane, int w, int h, int bandPx,
                                        std::uint8_t ignoreValue) {
    // Two-pass chessboard distance to the nearest labelled pixel.
    const int far = std::numeric_limits<int>::max() / 2;
    std::vector<int> d(plane.size(), far);
    auto at = [&](int x, int y) -> int& {
        return d[std::size_t(y) * std::size_t(w) + x];
    };
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            if (plane[std::size_t(y) * std::size_t(w) + x] != 0) {
                at(x, y) = 0;
                continue;
            }
            int v = far;
            if (x > 0)
                v = std::min(v, at(x - 1, y) + 1);
            if (y > 0) {
                v = std::min(v, at(x, y - 1) + 1);
                if (x > 0)
                    v = std::min(v, at(x - 1, y - 1) + 1);
                if (x + 1 < w)
                    v = std::min(v, at(x + 1, y - 1) + 1);
            }
            at(x, y) = v;
        }
    for (int y = h - 1; y >= 0; --y)
        for (int x = w - 1; x >= 0; --x) {
            int v = at(x, y);
            if (x + 1 < w)
                v = std::min(v, at(x + 1, y) + 1);
            if (y + 1 < h) {
                v = std::min(v, at(x, y + 1) + 1);
                if (x + 1 < w)
                    v = std::min(v, at(x + 1, y + 1) + 1);
                if (x > 0)
                    v = std::min(v, at(x - 1, y + 1) + 1);
            }
            at(x, y) = v;
        }
    for (std::size_t i = 0; i < plane.size(); ++i)
        if (plane[i] == 0 && d[i] <= bandPx)
            plane[i] = ignoreValue;
}

namespace {

// Bit v set = label value v occurs in the plane.
std::uint32_t valuesIn(std::span<const std::uint8_t> plane) {
    std::uint32_t bits = 0;
    for (std::uint8_t v : plane)
        bits |= v < 32 ? (1u << v) : 0u;
    return bits & ~1u;
}

// Image slices [z0, z0 + nz) of one phase as a new single-phase volume; colour becomes
// luma (nnU-Net wants one file per channel; a grey echo loses nothing).
Result<CineVolume> imagePart(const CineVolume& image, int z0, int nz, int phase) {
    const PixelType type =
        image.pixelType() == PixelType::Rgb8 ? PixelType::UInt8 : image.pixelType();
    auto out = CineVolume::create({image.width(), image.height(), nz, 1}, type);
    if (!out)
        return out.error();
    for (int z = 0; z < nz; ++z) {
        if (image.pixelType() == PixelType::Rgb8) {
            auto dst = out->frame<std::uint8_t>(z, 0);
            for (int y = 0; y < image.height(); ++y)
                for (int x = 0; x < image.width(); ++x)
                    dst.at(x, y) = std::uint8_t(
                        std::clamp(image.valueAt(x, y, z0 + z, phase) + 0.5, 0.0, 255.0));
        } else {
            const auto src = image.frameBytes(z0 + z, phase);
            std::memcpy(out->frameBytes(z, 0).data(), src.data(), src.size());
        }
    }
    VolumeGeometry g = image.geometry();
    g.origin = g.voxelToPatient(0, 0, z0);
    g.triggerTimesMs.clear();
    g.frameTimeMs = 0;
    out->geometry() = g;
    return out;
}

Result<bool> writePair(const CineVolume& image, const LabelVolume& labels, const QString& root,
                       const QString& imageRel, const QString& labelRel) {
    const QDir dir(root);
    if (auto w = NiftiWriter::write(image, dir.filePath(imageRel)); !w)
        return w.error();
    return NiftiWriter::write(labels, dir.filePath(labelRel));
}

} // namespace

Result<std::vector<WrittenCase>> SegmentationCases::write(
    labels::LabelStore& store, const SelectedLabel& label, const ExportOptions& options,
    const QString& root, const std::function<QString(const QString&)>& imagePath,
    const std::function<QString(const QString&)>& labelPath, QStringList& warnings) {
    const QString source = label.caseRecord.description.path;
    auto seg = store.loadSegmentation(label.revision.id);
    if (!seg)
        return seg.error();
    auto image = ImageLoader::load(source);
    if (!image)
        return image.error();
    LabelVolume& labels = seg->labels;
    if (!labels.matches(*image))
        return fileError(source, QStringLiteral("revision %1 has labels of another size than the "
                                                "image (%2x%3x%4x%5); was the file replaced?")
                                     .arg(label.revision.id)
                                     .arg(image->width())
                                     .arg(image->height())
                                     .arg(image->slices())
                                     .arg(image->phases()));
    const ExportLabelTable table = ExportLabelTable::build(options);
    const std::size_t dropped =
        LabelMapping::forConvention(options.convention).exportInPlace(labels.labels());
    if (dropped > 0)
        warnings << QStringLiteral("%1 (revision %2): %3 voxels hold labels the %4 convention "
                                   "cannot express; written as background")
                        .arg(label.caseKey)
                        .arg(label.revision.id)
                        .arg(dropped)
                        .arg(labelConventionName(options.convention));
    const VolumeExtent& e = labels.extent();
    // Which frames hold labels, and which structures the case has anywhere.
    std::vector<std::uint32_t> present(e.frameCount(), 0);
    std::uint32_t caseValues = 0;
    for (int p = 0; p < e.phases; ++p)
        for (int z = 0; z < e.slices; ++z) {
            const std::uint32_t v = valuesIn(labels.frame(z, p).pixels());
            present[labels.volume().frameIndex(z, p)] = v;
            caseValues |= v;
        }
    auto isPartial = [&](int z, int p) {
        const std::uint32_t v = present[labels.volume().frameIndex(z, p)];
        return v != 0 && v != caseValues;
    };
    const auto ignore = std::uint8_t(std::max(table.ignoreValue, 0));
    std::vector<WrittenCase> out;
    for (int p = 0; p < e.phases; ++p) {
        if (!options.perPhase3d) {
            for (int z = 0; z < e.slices; ++z) {
                if (present[labels.volume().frameIndex(z, p)] == 0)
                    continue;
                WrittenCase c;
                c.id = QStringLiteral("%1_s%2_p%3")
                           .arg(label.caseKey)
                           .arg(z, 2, 10, QLatin1Char('0'))
                           .arg(p, 2, 10, QLatin1Char('0'));
                c.patient = label.patientKey;
                c.image = imagePath(c.id);
                c.label = labelPath(c.id);
                c.slice = z;
                c.phase = p;
                c.partial = isPartial(z, p);
                auto img = imagePart(*image, z, 1, p);
                if (!img)
                    return img.error();
                auto lab = LabelVolume::create({e.width, e.height, 1, 1}, img->geometry());
                if (!lab)
                    return lab.error();
                const auto src = labels.frame(z, p).pixels();
                std::copy(src.begin(), src.end(), lab->labels().begin());
                if (c.partial && table.ignoreValue > 0)
                    applyIgnoreBand(lab->labels(), e.width, e.height, options.ignoreBandPx, ignore);
                if (auto w = writePair(*img, *lab, root, c.image, c.label); !w)
                    return w.error();
                out.push_back(c);
            }
            continue;
        }
        bool any = false;
        for (int z = 0; z < e.slices; ++z)
            any = any || present[labels.volume().frameIndex(z, p)] != 0;
        if (!any)
            continue;
        WrittenCase c;
        c.id = QStringLiteral("%1_p%2").arg(label.caseKey).arg(p, 2, 10, QLatin1Char('0'));
        c.patient = label.patientKey;
        c.image = imagePath(c.id);
        c.label = labelPath(c.id);
        c.phase = p;
        auto img = imagePart(*image, 0, e.slices, p);
        if (!img)
            return img.error();
        auto lab = LabelVolume::create({e.width, e.height, e.slices, 1}, img->geometry());
        if (!lab)
            return lab.error();
        int unlabelled = 0;
        for (int z = 0; z < e.slices; ++z) {
            const auto src = labels.frame(z, p).pixels();
            auto dst = lab->frame(z, 0).pixels();
            std::copy(src.begin(), src.end(), dst.begin());
            const bool none = present[labels.volume().frameIndex(z, p)] == 0;
            unlabelled += none;
            c.partial = c.partial || none || isPartial(z, p);
            if (table.ignoreValue <= 0)
                continue;
            if (none)
                std::fill(dst.begin(), dst.end(), ignore);
            else if (isPartial(z, p))
                applyIgnoreBand(dst, e.width, e.height, options.ignoreBandPx, ignore);
        }
        if (unlabelled > 0 && table.ignoreValue <= 0)
            warnings << QStringLiteral("%1: %2 of %3 slices of phase %4 hold no labels and are "
                                       "written as background (use the ignore label)")
                            .arg(c.id)
                            .arg(unlabelled)
                            .arg(e.slices)
                            .arg(p);
        if (auto w = writePair(*img, *lab, root, c.image, c.label); !w)
            return w.error();
        out.push_back(c);
    }
    if (!out.empty())
        out.front().droppedVoxels = dropped;
    return out;
}

} // namespace cardiolens::exports
