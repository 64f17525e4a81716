#pragma once

#include <QString>
#include <QStringList>

namespace cardiolens::exports {

/// What the checker found: errors make nnU-Net refuse the dataset (or train on garbage),
/// warnings are what nnU-Net itself only warns about.
struct NnunetCheckReport {
    QStringList errors;
    QStringList warnings;
    int cases = 0;
    bool ok() const { return errors.isEmpty(); }
};

/// nnU-Net v2's own dataset rules (nnunetv2 verify_dataset_integrity and the file naming of
/// utils.py, LABELS.md §1.1), for NIfTI datasets:
/// - dataset.json holds labels, channel_names, numTraining and file_ending;
/// - labels map name -> int, background is 0, the values are consecutive, "ignore" (if any)
///   is the highest;
/// - every file in imagesTr named CASE_XXXX<file_ending> (anything else with that ending
///   would become a case), every case has every channel and a labelsTr/CASE<file_ending>,
///   no label without an image;
/// - numTraining equals the number of cases;
/// - image and label of a case have the same shape and spacing (origin / direction
///   differences are warnings, as in nnU-Net);
/// - label files hold only declared values (a case of only background is a warning);
/// - splits_final.json, when present: every fold's ids are cases, each case validated once.
class NnunetChecker {
public:
    static NnunetCheckReport check(const QString& datasetFolder);
};

} // namespace cardiolens::exports
