#pragma once

#include "common/Result.h"

#include <QJsonObject>

namespace cardiolens::imaging {

/// Reads a DICOM file's header (not its pixel data) and describes it for
/// `cardiolens-cli info`: what kind of object it is, patient-free study/series
/// identifiers, and the geometry of image or waveform content.
class DicomInspector {
public:
    /// True when the file carries the "DICM" preamble marker at offset 128.
    static bool looksLikeDicom(const QString& path);

    static Result<QJsonObject> describe(const QString& path);

    /// Checks that the file's pixel data is complete: an uncompressed image must hold
    /// rows x columns x frames x samples x bytes per sample. GDCM and ITK would otherwise
    /// decode a truncated file into garbage without complaint.
    static Result<bool> checkPixelDataComplete(const QString& path);
};

} // namespace cardiolens::imaging
