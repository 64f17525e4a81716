#include "imaging/DicomReader.h"

#include "imaging/DicomCineAssembler.h"
#include "imaging/DicomFolder.h"
#include "imaging/DicomFrameDecoder_p.h"

#include <QDate>
#include <QFileInfo>

#include <algorithm>

namespace cardiolens::imaging {

namespace {

void fillInfo(SeriesInfo& info, const DicomSeries& series, const QString& source) {
    info.sourcePath = source;
    info.format = QStringLiteral("DICOM");
    info.modality = series.modality;
    info.patientId = series.patientId;
    const QDate date = QDate::fromString(series.studyDate, QStringLiteral("yyyyMMdd"));
    info.studyDate = date.isValid() ? date.toString(Qt::ISODate) : series.studyDate;
    info.seriesInstanceUid = series.seriesInstanceUid;
    info.seriesDescription = series.description;
    info.manufacturer = series.manufacturer;
}

// No codec DICOM uses expands data more than deflate's ~1032:1, so a header asking for
// more pixel bytes than that from its file is lying: refuse before allocating.
Result<bool> checkClaimedSize(const DicomFileEntry& f) {
    const long double claimed = (long double)f.rows * f.columns * f.frames * f.samplesPerPixel *
                                std::max(1, f.bitsAllocated / 8);
    const auto onDisk = (long double)QFileInfo(f.path).size();
    if (claimed > onDisk * 1100.0L)
        return fileError(f.path, QStringLiteral("header declares %1 x %2 x %3 frames, which a "
                                                "%4-byte file cannot hold; refused")
                                     .arg(f.columns)
                                     .arg(f.rows)
                                     .arg(f.frames)
                                     .arg(double(onDisk), 0, 'f', 0));
    return true;
}

PixelType pixelTypeOf(const DicomFileEntry& f) {
    return detail::pixelTypeFor(f.samplesPerPixel, f.bitsAllocated, f.bitsStored,
                                f.pixelRepresentation, f.photometric, f.rescaleSlope,
                                f.rescaleIntercept);
}

} // namespace

Result<CineVolume> DicomReader::readFolder(const QString& folder, const QString& seriesUid) {
    auto found = DicomFolder::scan(folder);
    if (!found)
        return found.error();
    for (const DicomSeries& s : *found) {
        if (!seriesUid.isEmpty() && s.seriesInstanceUid != seriesUid)
            continue;
        // A folder holding one multi-frame clip reads as that clip.
        if (s.files.size() == 1 && s.files.front().frames > 1) {
            auto clip = readFile(s.files.front().path);
            if (clip)
                clip->warnings() << s.warnings;
            return clip;
        }
        auto volume = readSeries(s);
        if (volume)
            volume->info().sourcePath = folder;
        return volume;
    }
    return fileError(folder, QStringLiteral("no series %1 in the folder").arg(seriesUid));
}

Result<CineVolume> DicomReader::readSeries(const DicomSeries& series,
                                           std::vector<QString>* frameSources) {
    auto layout = DicomCineAssembler::assemble(series);
    if (!layout)
        return layout.error();
    const DicomFileEntry& first = series.files.front();
    for (const DicomFileEntry& f : series.files)
        if (auto sized = checkClaimedSize(f); !sized)
            return sized.error();
    const PixelType type = pixelTypeOf(first);
    const QString folder = QFileInfo(first.path).path();
    auto created = CineVolume::create(layout->extent, type, folder);
    if (!created)
        return created.error();
    CineVolume volume = std::move(created).value();

    if (frameSources)
        frameSources->assign(layout->frameFile.size(), QString());
    for (int slice = 0; slice < volume.slices(); ++slice) {
        for (int phase = 0; phase < volume.phases(); ++phase) {
            const std::size_t index = volume.frameIndex(slice, phase);
            const int file = layout->frameFile[index];
            if (file < 0)
                continue; // Missing: stays blank (zero), already warned about.
            const DicomFileEntry& entry = series.files[std::size_t(file)];
            if (pixelTypeOf(entry) != type)
                return fileError(entry.path, QStringLiteral("pixel format differs from the rest "
                                                            "of the series"));
            auto decoded =
                detail::decodeDicomPixels(entry.path, type, volume.frameBytes(slice, phase));
            if (!decoded)
                return decoded.error();
            if (frameSources)
                (*frameSources)[index] = entry.path;
        }
    }
    volume.geometry() = layout->geometry;
    fillInfo(volume.info(), series, folder);
    volume.warnings() << series.warnings << layout->warnings;
    return volume;
}

Result<CineVolume> DicomReader::readFile(const QString& path) {
    auto scanned = DicomFolder::scanFile(path);
    if (!scanned)
        return scanned.error();
    const DicomSeries& series = *scanned;
    const DicomFileEntry& entry = series.files.front();
    if (auto sized = checkClaimedSize(entry); !sized)
        return sized.error();
    const PixelType type = pixelTypeOf(entry);
    // A multi-frame clip is one slice whose frames are phases.
    const VolumeExtent extent{entry.columns, entry.rows, 1, entry.frames};
    auto created = CineVolume::create(extent, type, path, /*zeroFill=*/false);
    if (!created)
        return created.error();
    CineVolume volume = std::move(created).value();
    detail::DicomPixelLayout pixels;
    auto decoded = detail::decodeDicomPixels(path, type, volume.bytes(), &pixels);
    if (!decoded)
        return decoded.error();

    VolumeGeometry& g = volume.geometry();
    if (entry.pixelSpacing[0] > 0.0 && entry.pixelSpacing[1] > 0.0) {
        g.pixelSpacing = {entry.pixelSpacing[1], entry.pixelSpacing[0]};
        g.pixelSpacingKnown = true;
    } else if (pixels.ultrasoundSpacing[0] > 0.0 && pixels.ultrasoundSpacing[1] > 0.0) {
        g.pixelSpacing = pixels.ultrasoundSpacing;
        g.pixelSpacingKnown = true;
    } else {
        volume.warnings() << QStringLiteral("no pixel spacing in the file: 1 mm assumed");
    }
    g.sliceThickness = entry.sliceThickness;
    g.sliceSpacing = entry.sliceThickness > 0.0 ? entry.sliceThickness : 1.0;
    if (entry.position)
        g.origin = *entry.position;
    if (entry.orientation) {
        const auto& o = *entry.orientation;
        const std::array<double, 3> n{o[1] * o[5] - o[2] * o[4], o[2] * o[3] - o[0] * o[5],
                                      o[0] * o[4] - o[1] * o[3]};
        g.direction = {o[0], o[3], n[0], o[1], o[4], n[1], o[2], o[5], n[2]};
    }
    g.frameTimeMs = pixels.frameTimeMs > 0.0 ? pixels.frameTimeMs : entry.frameTimeMs;
    if (entry.frames > 1) {
        if (g.frameTimeMs > 0.0) {
            for (int p = 0; p < entry.frames; ++p)
                g.triggerTimesMs.push_back(p * g.frameTimeMs);
        } else {
            volume.warnings() << QStringLiteral("multi-frame file without frame timing");
        }
    } else if (entry.triggerTimeMs) {
        g.triggerTimesMs = {*entry.triggerTimeMs};
    }
    fillInfo(volume.info(), series, path);
    volume.warnings() << series.warnings << g.check(volume.phases());
    return volume;
}

} // namespace cardiolens::imaging
