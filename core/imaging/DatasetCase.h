#pragma once

#include "imaging/EchoVolumes.h"
#include "imaging/LabelConvention.h"
#include "imaging/Polygon.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace cardiolens::imaging {

/// The public dataset layouts Cardiolens recognises.
enum class DatasetKind { Acdc, Mnms, Camus, EchoNet, Sunnybrook };

/// Lower-case machine name, e.g. "acdc", "mnms".
QString datasetKindName(DatasetKind kind);

/// One labelled frame stored as its own image + label file pair (ACDC frameNN + _gt,
/// CAMUS ED/ES + _gt).
struct LabelledFrameFiles {
    QString image;
    QString labels;
    int frame = 0; ///< 0-based cine frame.
    QString phase; ///< "ED", "ES" or empty.
};

/// One apical view of a CAMUS patient.
struct CamusView {
    QString name; ///< "2CH" or "4CH".
    std::optional<LabelledFrameFiles> ed, es;
    QString sequence;       ///< half_sequence / sequence image, when present.
    QString sequenceLabels; ///< half_sequence_gt, when present.
    std::optional<int> edFrame, esFrame, frameCount;
    QMap<QString, QString> info; ///< Info_<view>.cfg as read.
};

/// One traced frame of an EchoNet-Dynamic video: the long axis (first row) and the LV
/// outline made of the disc chords' end points.
struct EchoNetTracing {
    int frame = 0;
    LongAxis axis;
    Polygon outline;
};

/// One Sunnybrook expert contour file and the DICOM image it was drawn on.
struct SunnybrookContourFile {
    QString contour;
    QString dicom;
    int imageNumber = 0; ///< NN of IM-0001-00NN and of NN.dcm.
    SunnybrookContourKind kind = SunnybrookContourKind::Inner;
};

/// What a layout reader found for one case: the files and the metadata. Images are not
/// read here; LabelledCaseLoader turns a case into label volumes and metrics.
struct DatasetCase {
    DatasetKind kind = DatasetKind::Acdc;
    QString folder; ///< The case folder (EchoNet: the dataset root).
    QString caseId; ///< patient001, A0S9V9, patient0001, the video name, SCD0000101.
    LabelConvention convention = LabelConvention::Internal;

    QString cineImage;                           ///< 4-D cine (ACDC _4d, M&Ms _sa), EchoNet video.
    QString cineLabels;                          ///< 4-D labels (M&Ms _sa_gt).
    std::vector<LabelledFrameFiles> frames;      ///< ACDC ED/ES pairs.
    std::vector<CamusView> views;                ///< CAMUS.
    std::vector<EchoNetTracing> tracings;        ///< EchoNet.
    std::vector<SunnybrookContourFile> contours; ///< Sunnybrook.

    std::optional<int> edFrame, esFrame, frameCount; ///< 0-based frames.
    std::optional<double> heightCm, weightKg;
    QString group;               ///< ACDC Group / M&Ms Pathology.
    QMap<QString, QString> info; ///< Other metadata as read (Info.cfg, CSV row).
    QStringList warnings;
};

} // namespace cardiolens::imaging
