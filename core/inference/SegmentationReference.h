#pragma once

#include "common/Result.h"
#include "imaging/CardiacLabel.h"
#include "imaging/DatasetCase.h"
#include "imaging/LabelConvention.h"
#include "imaging/LabelVolume.h"

#include <cstdint>
#include <vector>

namespace cardiolens::inference {

/// Expert labels to check a segmentation against, on the segmented image's grid, with the
/// labels each frame annotates. Datasets label only some frames (Sunnybrook contours a
/// subset of slices x phases, and draws the epicardium on only some of those): a label is
/// scored only on frames that annotate it, so an unlabelled frame is never a false positive.
struct ReferenceLabels {
    imaging::LabelVolume labels; ///< Internal CardiacLabel values, extent of the image.
    /// Per frame (CineVolume::frameIndex order): bit v set = label value v is annotated.
    std::vector<std::uint16_t> annotated;
    QString source;      ///< The reference path (contour folder or label file).
    QString description; ///< What it is, e.g. "Sunnybrook expert contours: 20 endocardial...".

    bool annotates(int slice, int phase, imaging::CardiacLabel label) const;
    /// Number of frames annotating \a label.
    int framesAnnotating(imaging::CardiacLabel label) const;
};

/// Sunnybrook expert contours of \a datasetCase drawn on \a image's frames. Each contour
/// belongs to one DICOM file; the frame that file became is found by assembling the image's
/// source folder (or file) again, so slices and phases match exactly. Inner contours annotate
/// the LV blood pool, outer ones the myocardium (the ring between the two).
Result<ReferenceLabels> sunnybrookReference(const imaging::DatasetCase& datasetCase,
                                            const imaging::CineVolume& image);

/// A label file (NIfTI, MetaImage, NRRD...) with \a image's extent, in \a convention. A frame
/// holding any label annotates every label of the convention (fully labelled frames, as in
/// ACDC / M&Ms ED and ES); frames with no label at all are treated as unlabelled.
Result<ReferenceLabels> labelFileReference(const QString& path, imaging::LabelConvention convention,
                                           const imaging::CineVolume& image);

/// A Sunnybrook case (its DICOM or contour folder, or a file in one) or a label file.
Result<ReferenceLabels>
loadReference(const QString& path, const imaging::CineVolume& image,
              imaging::LabelConvention convention = imaging::LabelConvention::Internal);

/// The expert labels that come with \a image's own source: today the Sunnybrook contours of
/// a case whose DICOM folder (or file) was loaded; an error naming the image otherwise.
Result<ReferenceLabels> findReference(const imaging::CineVolume& image);

} // namespace cardiolens::inference
