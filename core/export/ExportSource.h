#pragma once

#include "common/Result.h"
#include "labels/LabelStore.h"

#include <QJsonArray>

#include <memory>
#include <vector>

namespace cardiolens::exports {

/// One case's label revision chosen for an export, with its lineage (newest first: the
/// revision itself, then its parents) for the provenance manifest.
struct SelectedLabel {
    labels::CaseRecord caseRecord;
    labels::RevisionInfo revision;
    std::vector<labels::RevisionInfo> lineage;
    QString caseKey;    ///< Identifier used in file names: never a patient identifier.
    QString patientKey; ///< Folds group by this (a patient's frames stay together).

    /// The person (or dataset / model) whose labels these are: the newest revision in the
    /// lineage written by a person editing (in progress / submitted), else the oldest one.
    labels::Origin author() const;
    /// Editing seconds summed over the lineage.
    double timeSpentSeconds() const;
    QJsonArray lineageJson() const;
};

/// Where the labels come from: a store file, a project folder (DIR/labels.sqlite) or a
/// PostgreSQL URL. An existing store is required: nothing is created by an export.
class ExportSource {
public:
    static Result<labels::StoreLocation> locate(const QString& dirOrStore);
    static Result<std::unique_ptr<labels::LabelStore>> open(const QString& dirOrStore);

    /// Per case, the newest revision of \a kind whose state is one of \a states, unless a
    /// later deletion or a later review decision (accepted / rejected) not in \a states
    /// superseded it. Cases sorted by key.
    static Result<std::vector<SelectedLabel>>
    select(labels::LabelStore& store, labels::RevisionKind kind,
           const std::vector<labels::ReviewState>& states);

    /// A file-name-safe case identifier: a public dataset's case id (SCD0000101, patient001)
    /// when the case came from one, else "case" + the store's case number, so a DICOM
    /// folder named after a patient never leaks into an export.
    static QString caseKey(const labels::CaseRecord& c);
};

} // namespace cardiolens::exports
