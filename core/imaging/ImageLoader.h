#pragma once

#include "imaging/CineVolume.h"
#include "imaging/DicomSeries.h"

#include <QJsonObject>

#include <vector>

namespace cardiolens::imaging {

enum class ImageFormat { Unknown, Nifti, MetaImage, Nrrd, DicomFile, DicomFolder, Video };

QString imageFormatName(ImageFormat format);

/// What a volume file or folder holds, from headers only (no pixel decoding).
struct VolumeSummary {
    ImageFormat format = ImageFormat::Unknown;
    VolumeExtent extent;
    QString pixelType; ///< As stored ("int16", "rgb8", ...); may be empty when unknown.
    VolumeGeometry geometry;
    std::vector<DicomSeries> series; ///< DICOM folders: every image series found.
    QStringList warnings;

    QJsonObject toJson() const;
};

/// The one entry point for images: picks the reader from the content (DICOM preamble,
/// NIfTI header, NRRD magic, MetaImage keys, video container signatures) and the name,
/// and reads a file or a DICOM folder into a CineVolume.
class ImageLoader {
public:
    static ImageFormat detect(const QString& path);
    static Result<CineVolume> load(const QString& path);
    /// Dimensions, spacing, phases and (for folders) the series, without decoding pixels.
    static Result<VolumeSummary> inspect(const QString& path);
};

} // namespace cardiolens::imaging
