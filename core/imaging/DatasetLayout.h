#pragma once

#include "common/Result.h"
#include "imaging/DatasetCase.h"
#include "imaging/Mask2D.h"

#include <QJsonObject>

#include <optional>
#include <vector>

namespace cardiolens::imaging {

/// Recognises the public dataset layouts from a case folder or any file inside it, and
/// lists a case's files and metadata:
/// - ACDC: patientNNN/Info.cfg (ED, ES 1-based, Group, Height cm, Weight kg, NbFrame),
///   patientNNN_4d.nii.gz, patientNNN_frameNN.nii.gz + _gt (RV 1, MYO 2, LV 3);
/// - M&Ms: <code>/<code>_sa.nii.gz (4-D) + _sa_gt.nii.gz (LV 1, MYO 2, RV 3), ED/ES
///   (0-based), Height, Weight, Pathology from the metadata CSV ("External code" column)
///   found in the case folder or up to four folders above (Training/Labeled/<code>, the release
///   root, beside it);
/// - CAMUS: patientNNNN/patientNNNN_{2CH,4CH}_{ED,ES}[_gt].{mhd,nii.gz}, _half_sequence
///   (.nii.gz) or _sequence (.mhd), Info_2CH.cfg / Info_4CH.cfg (ED, ES 1-based, NbFrame);
///   labels LV 1, MYO 2, LA 3;
/// - EchoNet-Dynamic: <root>/FileList.csv, VolumeTracings.csv, Videos/<name>.avi;
/// - Sunnybrook: <root>/link.csv (patient_id,original_id), dicoms/<patient>/NN.dcm,
///   contourfiles/<original>/{i,o}-contours/IM-0001-00NN-{i,o}contour-manual.txt.
class DatasetLayout {
public:
    static std::optional<DatasetKind> detect(const QString& path);
    static Result<DatasetCase> open(const QString& path);

    static Result<DatasetCase> openAcdc(const QString& folder);
    static Result<DatasetCase> openMnms(const QString& folder);
    static Result<DatasetCase> openCamus(const QString& folder);
    /// \a path: the dataset root, its Videos folder or one video in it. With no video
    /// named, the first video of FileList.csv that has tracings is opened.
    static Result<DatasetCase> openEchoNet(const QString& path);
    /// \a path: the root (first patient of link.csv), a patient's DICOM or contour folder,
    /// or a file inside one.
    static Result<DatasetCase> openSunnybrook(const QString& path);

    /// One case found under a dataset root: its layout and the path that opens it.
    struct CaseEntry {
        DatasetKind kind;
        QString path;
    };
    /// The cases under \a root (a case folder itself, a split folder such as training/ or
    /// Training/Labeled/, or a whole release), searched up to \a depth folders down.
    /// EchoNet roots list one entry per traced video, Sunnybrook roots one per patient.
    static std::vector<CaseEntry> listCases(const QString& root, int depth = 4);

    /// `cardiolens-cli info` of a case folder or layout file: kind "dataset_case", layout,
    /// case id, label convention, ED/ES, phases, image, warnings.
    static Result<QJsonObject> describe(const QString& path);
    /// Adds "layout": name to \a out when \a path belongs to a recognised layout.
    static void addLayoutName(QJsonObject& out, const QString& path);

    /// The first existing "<folder>/<stem>" + .nii.gz, .nii, .mhd or .nrrd; empty if none.
    static QString findImage(const QString& folder, const QString& stem);
};

/// Reads a Sunnybrook contour file: one "x y" point per line, pixel coordinates.
Result<Polygon> readSunnybrookContour(const QString& path);
/// Writes one in the same form ("%.2f %.2f" per line).
Result<bool> writeSunnybrookContour(const QString& path, const Polygon& polygon);
/// Internal labels of one slice -> Sunnybrook contours: Inner = outline of the LV blood
/// pool, Outer = outline of blood pool + myocardium (the largest outline of each; empty
/// when the label is absent).
Polygon sunnybrookContourFromLabels(const Mask2D& internalLabels, SunnybrookContourKind kind);

} // namespace cardiolens::imaging
