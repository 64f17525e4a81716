#include "imaging/ImageLoader.h"

#include "common/SafeFile.h"

#include "imaging/DicomCineAssembler.h"
#include "imaging/DicomFolder.h"
#include "imaging/DicomInspector.h"
#include "imaging/DicomReader.h"
#include "imaging/ItkFormatReader.h"
#include "imaging/ItkVolumeIo_p.h"
#include "imaging/MetaImageHeader.h"
#include "imaging/NiftiHeader.h"
#include "imaging/NiftiReader.h"
#include "imaging/NrrdHeader.h"
#include "imaging/VideoReader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>

#include <cstring>

#include <itkMetaImageIO.h>
#include <itkNiftiImageIO.h>
#include <itkNrrdImageIO.h>
#include <zlib.h>

namespace cardiolens::imaging {

namespace {

// The first bytes of a file, gunzipped when it is gzip.
QByteArray leadingBytes(const QString& path, int count) {
    gzFile f = gzopen(QFile::encodeName(path).constData(), "rb");
    if (!f)
        return {};
    QByteArray out(count, '\0');
    const int n = gzread(f, out.data(), unsigned(count));
    gzclose(f);
    out.resize(std::max(n, 0));
    return out;
}

bool isNiftiHeader(const QByteArray& b) {
    if (b.size() < 348)
        return false;
    std::int32_t size;
    std::memcpy(&size, b.constData(), 4);
    const auto swapped = std::int32_t(__builtin_bswap32(std::uint32_t(size)));
    if (size == 348 || swapped == 348)
        return b.mid(344, 3) == "n+1" || b.mid(344, 3) == "ni1";
    if ((size == 540 || swapped == 540))
        return b.mid(4, 3) == "n+2" || b.mid(4, 3) == "ni2";
    return false;
}

bool folderHasDicom(const QString& folder) {
    const QFileInfoList files = QDir(folder).entryInfoList(QDir::Files, QDir::Name);
    for (qsizetype i = 0; i < std::min<qsizetype>(files.size(), 20); ++i)
        if (DicomInspector::looksLikeDicom(files[i].filePath()) ||
            files[i].suffix().compare(QLatin1String("dcm"), Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

QJsonArray numbers(std::initializer_list<double> values) {
    QJsonArray a;
    for (double v : values)
        a.append(v);
    return a;
}

Result<VolumeSummary> summariseWithItk(itk::ImageIOBase* io, const QString& path,
                                       ImageFormat format) {
    auto layout = detail::readImageLayout(io, path);
    if (!layout)
        return layout.error();
    VolumeSummary s;
    s.format = format;
    s.extent = layout->extent;
    s.geometry = layout->geometry;
    s.pixelType =
        QString::fromStdString(itk::ImageIOBase::GetComponentTypeAsString(layout->component));
    if (layout->components > 1)
        s.pixelType += QStringLiteral(" x %1").arg(layout->components);
    s.warnings = s.geometry.check(s.extent.phases);
    return s;
}

} // namespace

QString imageFormatName(ImageFormat format) {
    switch (format) {
    case ImageFormat::Unknown:
        return QStringLiteral("unknown");
    case ImageFormat::Nifti:
        return QStringLiteral("NIfTI");
    case ImageFormat::MetaImage:
        return QStringLiteral("MetaImage");
    case ImageFormat::Nrrd:
        return QStringLiteral("NRRD");
    case ImageFormat::DicomFile:
        return QStringLiteral("DICOM");
    case ImageFormat::DicomFolder:
        return QStringLiteral("DICOM folder");
    case ImageFormat::Video:
        return QStringLiteral("video");
    }
    return QStringLiteral("unknown");
}

QJsonObject VolumeSummary::toJson() const {
    QJsonObject o;
    o[QStringLiteral("format")] = imageFormatName(format);
    o[QStringLiteral("dimensions")] = numbers({double(extent.width), double(extent.height),
                                               double(extent.slices), double(extent.phases)});
    o[QStringLiteral("width")] = extent.width;
    o[QStringLiteral("height")] = extent.height;
    o[QStringLiteral("slices")] = extent.slices;
    o[QStringLiteral("phases")] = extent.phases;
    if (!pixelType.isEmpty())
        o[QStringLiteral("pixelType")] = pixelType;
    o[QStringLiteral("pixelSpacingMm")] =
        numbers({geometry.pixelSpacing[0], geometry.pixelSpacing[1]});
    o[QStringLiteral("pixelSpacingKnown")] = geometry.pixelSpacingKnown;
    o[QStringLiteral("sliceSpacingMm")] = geometry.sliceSpacing;
    if (geometry.sliceThickness > 0.0)
        o[QStringLiteral("sliceThicknessMm")] = geometry.sliceThickness;
    o[QStringLiteral("originMm")] =
        numbers({geometry.origin[0], geometry.origin[1], geometry.origin[2]});
    QJsonArray direction;
    for (double d : geometry.direction)
        direction.append(d);
    o[QStringLiteral("direction")] = direction;
    if (geometry.frameTimeMs > 0.0)
        o[QStringLiteral("frameTimeMs")] = geometry.frameTimeMs;
    if (!geometry.triggerTimesMs.empty()) {
        QJsonArray t;
        for (double v : geometry.triggerTimesMs)
            t.append(v);
        o[QStringLiteral("triggerTimesMs")] = t;
    }
    if (!series.empty()) {
        QJsonArray list;
        for (const DicomSeries& s : series) {
            QJsonObject j;
            j[QStringLiteral("seriesInstanceUid")] = s.seriesInstanceUid;
            j[QStringLiteral("seriesNumber")] = s.seriesNumber;
            j[QStringLiteral("description")] = s.description;
            j[QStringLiteral("modality")] = s.modality;
            j[QStringLiteral("files")] = int(s.files.size());
            if (!s.files.empty()) {
                j[QStringLiteral("rows")] = s.files.front().rows;
                j[QStringLiteral("columns")] = s.files.front().columns;
                j[QStringLiteral("framesPerFile")] = s.files.front().frames;
            }
            j[QStringLiteral("distinctPositions")] = s.distinctPositions();
            j[QStringLiteral("distinctTriggerTimes")] = s.distinctTriggerTimes();
            if (!s.warnings.isEmpty())
                j[QStringLiteral("warnings")] = QJsonArray::fromStringList(s.warnings);
            list.append(j);
        }
        o[QStringLiteral("series")] = list;
    }
    if (!warnings.isEmpty())
        o[QStringLiteral("warnings")] = QJsonArray::fromStringList(warnings);
    return o;
}

ImageFormat ImageLoader::detect(const QString& path) {
    const QFileInfo fi(path);
    if (fi.isDir())
        return folderHasDicom(path) ? ImageFormat::DicomFolder : ImageFormat::Unknown;
    if (!fi.isFile())
        return ImageFormat::Unknown;
    if (DicomInspector::looksLikeDicom(path))
        return ImageFormat::DicomFile;
    const QByteArray head = leadingBytes(path, 540);
    if (isNiftiHeader(head))
        return ImageFormat::Nifti;
    if (head.startsWith("NRRD000"))
        return ImageFormat::Nrrd;
    QFile raw(path);
    QByteArray start;
    if (raw.open(QIODevice::ReadOnly))
        start = raw.read(64);
    if (start.startsWith("RIFF") && start.mid(8, 3) == "AVI")
        return ImageFormat::Video;
    if (start.mid(4, 4) == "ftyp" || start.startsWith("\x1a\x45\xdf\xa3"))
        return ImageFormat::Video; // MP4/MOV, Matroska/WebM.
    const QString lower = path.toLower();
    if ((lower.endsWith(QLatin1String(".mhd")) || lower.endsWith(QLatin1String(".mha"))) ||
        head.startsWith("ObjectType") || head.startsWith("NDims"))
        return ImageFormat::MetaImage;
    if (lower.endsWith(QLatin1String(".nrrd")) || lower.endsWith(QLatin1String(".nhdr")))
        return ImageFormat::Nrrd;
    if (NiftiHeader::hasNiftiExtension(path))
        return ImageFormat::Nifti;
    if (lower.endsWith(QLatin1String(".dcm")))
        return ImageFormat::DicomFile;
    if (VideoReader::hasVideoExtension(path))
        return ImageFormat::Video;
    return ImageFormat::Unknown;
}

Result<CineVolume> ImageLoader::load(const QString& path) {
    if (!QFileInfo::exists(path))
        return fileError(path, QStringLiteral("no such file or folder"));
    if (!QFileInfo(path).isDir())
        if (auto regular = SafeFile::requireRegular(path); !regular) // Before any open().
            return regular.error();
    switch (detect(path)) {
    case ImageFormat::Nifti:
        return NiftiReader::read(path);
    case ImageFormat::MetaImage:
        return ItkFormatReader::readMetaImage(path);
    case ImageFormat::Nrrd:
        return ItkFormatReader::readNrrd(path);
    case ImageFormat::DicomFile:
        return DicomReader::readFile(path);
    case ImageFormat::DicomFolder:
        return DicomReader::readFolder(path);
    case ImageFormat::Video:
        return VideoReader::read(path);
    case ImageFormat::Unknown:
        break;
    }
    return fileError(path, QStringLiteral("not an image format Cardiolens reads (NIfTI, "
                                          "MetaImage, NRRD, DICOM, AVI/MP4)"));
}

Result<VolumeSummary> ImageLoader::inspect(const QString& path) {
    if (QFileInfo::exists(path) && !QFileInfo(path).isDir())
        if (auto regular = SafeFile::requireRegular(path); !regular)
            return regular.error();
    const ImageFormat format = detect(path);
    switch (format) {
    case ImageFormat::Nifti: {
        auto header = NiftiHeader::inspect(path);
        if (!header)
            return header.error();
        if (header->version == 2) { // Debian's ITK 5.2 reads NIfTI-1 only.
            VolumeSummary s;
            s.format = format;
            const auto& d = header->dim;
            s.extent = {int(d[1]), header->dimensions >= 2 ? int(d[2]) : 1,
                        header->dimensions >= 3 ? int(d[3]) : 1,
                        header->dimensions >= 4 ? int(d[4]) : 1};
            s.pixelType = QStringLiteral("NIfTI datatype %1").arg(header->datatype);
            s.geometry = header->geometryFromHeader(s.warnings);
            s.geometry.frameTimeMs = header->frameTimeMs();
            s.warnings << s.geometry.check(s.extent.phases);
            return s;
        }
        auto io = itk::NiftiImageIO::New();
        auto s = summariseWithItk(io.GetPointer(), path, format);
        if (s)
            s->geometry.frameTimeMs = header->frameTimeMs();
        return s;
    }
    case ImageFormat::MetaImage: {
        if (auto header = MetaImageHeader::inspect(path); !header)
            return header.error();
        auto io = itk::MetaImageIO::New();
        return summariseWithItk(io.GetPointer(), path, format);
    }
    case ImageFormat::Nrrd: {
        if (auto header = NrrdHeader::inspect(path); !header)
            return header.error();
        auto io = itk::NrrdImageIO::New();
        return summariseWithItk(io.GetPointer(), path, format);
    }
    case ImageFormat::DicomFile: {
        auto scanned = DicomFolder::scanFile(path);
        if (!scanned)
            return scanned.error();
        const DicomFileEntry& e = scanned->files.front();
        VolumeSummary s;
        s.format = format;
        s.extent = {e.columns, e.rows, 1, e.frames};
        s.pixelType = QStringLiteral("%1-bit x %2 %3")
                          .arg(e.bitsAllocated)
                          .arg(e.samplesPerPixel)
                          .arg(e.photometric);
        if (e.pixelSpacing[0] > 0 && e.pixelSpacing[1] > 0) {
            s.geometry.pixelSpacing = {e.pixelSpacing[1], e.pixelSpacing[0]};
            s.geometry.pixelSpacingKnown = true;
        }
        s.geometry.sliceThickness = e.sliceThickness;
        s.geometry.frameTimeMs = e.frameTimeMs;
        s.warnings = scanned->warnings;
        return s;
    }
    case ImageFormat::DicomFolder: {
        auto found = DicomFolder::scan(path);
        if (!found)
            return found.error();
        VolumeSummary s;
        s.format = format;
        s.series = std::move(found).value();
        const DicomSeries& main = s.series.front();
        if (main.files.size() == 1 || main.files.front().frames > 1) {
            const DicomFileEntry& e = main.files.front();
            s.extent = {e.columns, e.rows, 1, e.frames};
            s.geometry.frameTimeMs = e.frameTimeMs;
        } else if (auto layout = DicomCineAssembler::assemble(main); layout) {
            s.extent = layout->extent;
            s.geometry = layout->geometry;
            s.warnings = layout->warnings;
        } else {
            s.warnings << layout.error().describe();
        }
        s.warnings << main.warnings;
        return s;
    }
    case ImageFormat::Video: {
        auto probe = VideoReader::probe(path);
        if (!probe)
            return probe.error();
        VolumeSummary s;
        s.format = format;
        s.extent = {probe->width, probe->height, 1, std::max(probe->frames, 1)};
        s.pixelType = probe->codec;
        s.geometry.frameTimeMs = probe->frameTimeMs;
        return s;
    }
    case ImageFormat::Unknown:
        break;
    }
    return fileError(path, QStringLiteral("not an image format Cardiolens reads"));
}

} // namespace cardiolens::imaging
