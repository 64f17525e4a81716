#pragma once

#include <QString>

#include <optional>

namespace cardiolens::labels {

/// What a revision labels. Segmentation is stored now; the ECG kinds share the revision
/// table and keep their payload as a document (annotation_payloads) in the next issue.
enum class RevisionKind { Segmentation, EcgBeats, RhythmEpisodes, RecordLabels, WaveBoundaries };

/// Review state of a revision, as in MONAI Label's original/final and Slicer's segment states.
enum class ReviewState { Predicted, InProgress, Submitted, Accepted, Rejected };

/// Where labels came from: a model (name@version + manifest hash), a dataset's expert
/// labels ("dataset:NAME"), or a person.
enum class OriginType { Model, Dataset, Annotator };

QString revisionKindName(RevisionKind kind);
std::optional<RevisionKind> revisionKindFromName(const QString& name);
QString reviewStateName(ReviewState state);
std::optional<ReviewState> reviewStateFromName(const QString& name);
QString originTypeName(OriginType type);
std::optional<OriginType> originTypeFromName(const QString& name);

/// Provenance of a revision.
struct Origin {
    OriginType type = OriginType::Annotator;
    /// Model: "name@version"; dataset: "dataset:NAME"; annotator: the person's name.
    QString name;
    QString manifestHash; ///< Model revisions: SHA-256 of the model manifest.

    static Origin model(const QString& nameAtVersion, const QString& manifestHash) {
        return {OriginType::Model, nameAtVersion, manifestHash};
    }
    static Origin dataset(const QString& datasetName) {
        return {OriginType::Dataset, QStringLiteral("dataset:") + datasetName, {}};
    }
    static Origin annotator(const QString& person) { return {OriginType::Annotator, person, {}}; }
};

/// One stored revision's metadata (the payload is loaded separately).
struct RevisionInfo {
    qint64 id = 0;
    qint64 caseId = 0;
    std::optional<qint64> parentId; ///< The revision this one was derived from.
    RevisionKind kind = RevisionKind::Segmentation;
    Origin origin;
    ReviewState state = ReviewState::InProgress;
    qint64 createdMs = 0;     ///< When the work began (ms since the epoch, UTC).
    qint64 savedMs = 0;       ///< When it was stored.
    double editSeconds = 0.0; ///< Editing time a person spent on it.
    QString comment;
    bool deleted = false; ///< A deletion marker: history is kept, the labels are gone.
};

} // namespace cardiolens::labels
