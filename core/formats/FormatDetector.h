#pragma once

#include <QString>

namespace cardiolens::formats {

/// What a file on disk is, as far as Cardiolens is concerned.
enum class FileKind {
    Unknown,
    WfdbRecord,    ///< A WFDB header, or a signal/annotation file with a sibling header.
    DicomImage,    ///< DICOM with pixel data (MR, US, ...).
    DicomWaveform, ///< DICOM with a waveform sequence (12-lead ECG).
    DicomOther,
    ImageVolume, ///< NIfTI, MetaImage or NRRD image (3-D or 4-D).
    DicomFolder, ///< A folder of DICOM files (one or more series).
    Video,       ///< AVI/MP4 echo video.
};

QString fileKindName(FileKind kind);

/// Decides a file's kind from its content first (magic bytes) and its name second.
/// Reads at most a few kilobytes and never decodes pixel or sample data.
class FormatDetector {
public:
    static FileKind detect(const QString& path);
    /// For WFDB inputs: the header path belonging to \a path (the .hea itself, or the
    /// sibling .hea of a .dat/.atr/.mat file, or record path without extension).
    static QString wfdbHeaderFor(const QString& path);
};

} // namespace cardiolens::formats
