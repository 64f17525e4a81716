#pragma once

#include "common/Result.h"
#include "imaging/LabelVolume.h"
#include "labels/CaseRecord.h"

#include <QStringList>

namespace cardiolens::labels {

/// Expert labels of a case, on the grid of the case's image, in the internal convention,
/// ready to be stored as a revision with origin dataset:NAME.
struct ImportedLabels {
    CaseDescription caseDescription; ///< The image the labels belong to.
    QString datasetName;             ///< For the origin: "sunnybrook", "acdc", ...
    imaging::LabelVolume labels;
    int labelledFrames = 0; ///< Frames (slice x phase) holding any label.
    QStringList warnings;
};

/// Turns a dataset's expert labels into one label volume on the image's grid: Sunnybrook
/// contours, ACDC ED/ES _gt files, M&Ms _sa_gt (via DatasetLayout + annotationsOnImage),
/// CAMUS (the 4CH view, else 2CH: its labelled sequence, else its ED/ES _gt frames placed
/// on the sequence) and EchoNet-Dynamic tracings (the traced LV outlines rasterised on the
/// video's frames). Or a label file (NIfTI, MetaImage, NRRD) for an image.
class DatasetLabelImport {
public:
    /// The expert labels of the dataset case at \a casePath.
    static Result<ImportedLabels> fromDataset(const QString& casePath);
    /// \a labelFile (values in \a conventionName: internal, acdc, mnms, camus, echonet) for
    /// the image at \a casePath (an image file, or a dataset case whose cine it is).
    /// \a datasetName defaults to the case's dataset, else the label file's name.
    static Result<ImportedLabels> fromFile(const QString& casePath, const QString& labelFile,
                                           const QString& conventionName = {},
                                           const QString& datasetName = {});
};

} // namespace cardiolens::labels
