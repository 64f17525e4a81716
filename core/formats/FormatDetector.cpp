#include "formats/FormatDetector.h"

#include "ecg/WfdbRecordReader.h"

#include "imaging/DicomInspector.h"
#include "imaging/ImageLoader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace cardiolens::formats {

QString fileKindName(FileKind kind) {
    switch (kind) {
    case FileKind::Unknown:
        return QStringLiteral("unknown");
    case FileKind::WfdbRecord:
        return QStringLiteral("wfdb-record");
    case FileKind::DicomImage:
        return QStringLiteral("dicom-image");
    case FileKind::DicomWaveform:
        return QStringLiteral("dicom-waveform");
    case FileKind::DicomOther:
        return QStringLiteral("dicom-other");
    case FileKind::ImageVolume:
        return QStringLiteral("image-volume");
    case FileKind::DicomFolder:
        return QStringLiteral("dicom-folder");
    case FileKind::Video:
        return QStringLiteral("video");
    }
    return QStringLiteral("unknown");
}

QString FormatDetector::wfdbHeaderFor(const QString& path) {
    return ecg::WfdbRecordReader::headerPathFor(path);
}

FileKind FormatDetector::detect(const QString& path) {
    const QFileInfo fi(path);
    if (fi.isFile() && imaging::DicomInspector::looksLikeDicom(path)) {
        auto description = imaging::DicomInspector::describe(path);
        if (!description)
            return FileKind::DicomOther;
        const QString kind = description->value(QStringLiteral("kind")).toString();
        if (kind == QLatin1String("image"))
            return FileKind::DicomImage;
        if (kind == QLatin1String("waveform"))
            return FileKind::DicomWaveform;
        return FileKind::DicomOther;
    }
    const QString suffix = fi.suffix().toLower();
    if (suffix == QLatin1String("dcm"))
        return FileKind::DicomOther; // No preamble: GDCM may still read it.
    switch (imaging::ImageLoader::detect(path)) {
    case imaging::ImageFormat::Nifti:
    case imaging::ImageFormat::MetaImage:
    case imaging::ImageFormat::Nrrd:
        return FileKind::ImageVolume;
    case imaging::ImageFormat::DicomFolder:
        return FileKind::DicomFolder;
    case imaging::ImageFormat::Video:
        return FileKind::Video;
    case imaging::ImageFormat::DicomFile:
    case imaging::ImageFormat::Unknown:
        break;
    }
    if (!wfdbHeaderFor(path).isEmpty())
        return FileKind::WfdbRecord;
    return FileKind::Unknown;
}

} // namespace cardiolens::formats
