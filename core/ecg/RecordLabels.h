#pragma once

#include "common/Result.h"
#include "ecg/EcgRecord.h"

#include <QStringList>

#include <vector>

namespace cardiolens::ecg {

/// Record-level labels from the datasets' own conventions:
/// - CinC 2020/2021 "# Dx: 426783006,59118001" header comments -> scheme "snomed-ct", named
///   through the shipped table resources/ecg/snomed_ct_cinc.csv (category = the challenge's
///   abbreviation, e.g. "NSR");
/// - PTB-XL ptbxl_database.csv + scp_statements.csv beside or above the record (see
///   PtbXlDatabase);
/// - CinC 2017 REFERENCE.csv beside the record -> scheme "cinc2017" (N, A, O, ~).
class RecordLabels {
public:
    static std::vector<RecordLabel> fromWfdbComments(const QStringList& comments);
    /// All labels found for the WFDB record \a recordName with header \a headerPath.
    static std::vector<RecordLabel> forWfdbRecord(const QString& recordName,
                                                  const QStringList& comments,
                                                  const QString& headerPath, QStringList& warnings);
    /// Name / challenge abbreviation of a SNOMED-CT code from the shipped table; empty if unknown.
    static QString snomedName(const QString& code);
    static QString snomedAbbreviation(const QString& code);
    /// Number of codes in the shipped table (0 if the resource is missing).
    static int snomedTableSize();
};

} // namespace cardiolens::ecg
