#pragma once

#include "common/Result.h"
#include "ecg/EcgRecord.h"

#include <QStringList>

#include <vector>

namespace cardiolens::ecg {

/// Record-level labels from the datasets' own conventions.
class RecordLabels {
public:
    /// CinC 2020/2021 "# Dx: 426783006,59118001" header comments -> SNOMED-CT labels, named
    /// through the shipped SNOMED table where the code is known.
    static std::vector<RecordLabel> fromWfdbComments(const QStringList& comments);
    /// Name of a SNOMED-CT code from the shipped table; empty if unknown.
    static QString snomedName(const QString& code);
};

} // namespace cardiolens::ecg
