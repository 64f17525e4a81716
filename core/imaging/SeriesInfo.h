#pragma once

#include <QString>

namespace cardiolens::imaging {

/// The little patient/series metadata the workstation shows and stores with labels.
/// Deliberately minimal: names and birth dates are not kept.
struct SeriesInfo {
    QString sourcePath;        ///< File or folder the volume was read from.
    QString format;            ///< "NIfTI", "DICOM", "MetaImage", "NRRD", "video", ...
    QString modality;          ///< DICOM modality code ("MR", "US") when known.
    QString patientId;         ///< As stored in the source, possibly anonymised.
    QString studyDate;         ///< ISO date (yyyy-MM-dd) when known.
    QString seriesInstanceUid; ///< DICOM series UID, empty for other formats.
    QString seriesDescription;
    QString manufacturer;
};

} // namespace cardiolens::imaging
