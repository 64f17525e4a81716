#pragma once

#include <QString>
#include <QStringList>

#include <array>
#include <optional>
#include <vector>

namespace cardiolens::imaging {

/// What one DICOM image file says about where and when its pixels were acquired: the
/// header fields cine assembly needs, read without decoding pixel data.
struct DicomFileEntry {
    QString path;
    int instanceNumber = 0;
    int rows = 0;
    int columns = 0;
    int frames = 1;
    int samplesPerPixel = 1;
    int bitsAllocated = 0;
    int bitsStored = 0;
    int pixelRepresentation = 0; ///< 1 = signed.
    double rescaleSlope = 1.0;
    double rescaleIntercept = 0.0;
    QString photometric;
    std::optional<std::array<double, 3>> position;    ///< Image Position (Patient).
    std::optional<std::array<double, 6>> orientation; ///< Image Orientation (Patient).
    std::optional<double> triggerTimeMs;              ///< Trigger Time (0018,1060).
    std::array<double, 2> pixelSpacing{0.0, 0.0};     ///< Row spacing, column spacing (mm).
    double sliceThickness = 0.0;
    double frameTimeMs = 0.0;
};

/// The image files of one series (same Series Instance UID) found in a folder.
struct DicomSeries {
    QString seriesInstanceUid;
    QString studyInstanceUid;
    QString description;
    QString modality;
    QString patientId;
    QString studyDate;
    QString manufacturer;
    int seriesNumber = 0;
    std::vector<DicomFileEntry> files;
    QStringList warnings; ///< e.g. invalid UIDs, which are tolerated.

    int distinctPositions() const;
    int distinctTriggerTimes() const;
};

} // namespace cardiolens::imaging
