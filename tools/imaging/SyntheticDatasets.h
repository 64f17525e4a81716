#pragma once

#include "common/Result.h"

#include <QList>
#include <QString>

namespace cardiolens::tools {

/// What a generated case holds, with its analytic truth.
struct GeneratedCase {
    QString layout;  ///< "acdc", "mnms", "camus", "echonet".
    QString path;    ///< Case folder (EchoNet: the video file).
    int edFrame = 0; ///< 0-based.
    int esFrame = 0;
    double lvEdvMl = 0, lvEsvMl = 0, lvEfPercent = 0, lvMassG = 0;
    double rvEdvMl = 0, rvEsvMl = 0, rvEfPercent = 0; ///< 0 when the layout has no RV.
};

/// Writes small synthetic cases in the exact public layouts (file names, header fields,
/// label values, geometry), from the analytic phantoms. NIfTI files go through the
/// project's NiftiWriter. Nothing here is real data: it stands in for datasets whose terms
/// forbid redistribution.
class SyntheticDatasets {
public:
    /// <root>/patientNNN/{Info.cfg, patientNNN_4d.nii.gz, patientNNN_frameNN[_gt].nii.gz}.
    static Result<GeneratedCase> writeAcdc(const QString& root, int patient = 1);
    /// <root>/Training/Labeled/<code>/<code>_sa[_gt].nii.gz and the metadata CSV at <root>.
    static Result<GeneratedCase> writeMnms(const QString& root,
                                           const QString& code = QStringLiteral("A1D0Q7"));
    /// <root>/patientNNNN/{Info_2CH.cfg, Info_4CH.cfg, patientNNNN_{2CH,4CH}_{ED,ES}[_gt].nii.gz,
    /// ..._half_sequence[_gt].nii.gz} (the current CAMUS release), or with \a metaImage the
    /// first release: ..._{ED,ES}[_gt].mhd + .raw and ..._sequence.mhd.
    static Result<GeneratedCase> writeCamus(const QString& root, int patient = 1,
                                            bool metaImage = false);
    /// <root>/{FileList.csv, VolumeTracings.csv, Videos/<name>.avi}.
    static Result<GeneratedCase> writeEchoNet(const QString& root);
    /// All four layouts under <root>/{ACDC,MnMs,CAMUS,EchoNet-Dynamic} (CAMUS patient0001 in
    /// NIfTI, patient0002 in MetaImage).
    static Result<QList<GeneratedCase>> writeAll(const QString& root);
};

} // namespace cardiolens::tools
