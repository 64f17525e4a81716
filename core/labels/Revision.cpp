#include "labels/Revision.h"

#include <array>
#include <utility>

namespace cardiolens::labels {

namespace {
// Names are stored in the database: never rename one, only add.
constexpr std::array<std::pair<RevisionKind, const char*>, 5> kKinds{{
    {RevisionKind::Segmentation, "segmentation"},
    {RevisionKind::EcgBeats, "ecg_beats"},
    {RevisionKind::RhythmEpisodes, "rhythm_episodes"},
    {RevisionKind::RecordLabels, "record_labels"},
    {RevisionKind::WaveBoundaries, "wave_boundaries"},
}};
constexpr std::array<std::pair<ReviewState, const char*>, 5> kStates{{
    {ReviewState::Predicted, "predicted"},
    {ReviewState::InProgress, "in_progress"},
    {ReviewState::Submitted, "submitted"},
    {ReviewState::Accepted, "accepted"},
    {ReviewState::Rejected, "rejected"},
}};
constexpr std::array<std::pair<OriginType, const char*>, 3> kOrigins{{
    {OriginType::Model, "model"},
    {OriginType::Dataset, "dataset"},
    {OriginType::Annotator, "annotator"},
}};

template <typename Table, typename E> QString nameOf(const Table& table, E value) {
    for (const auto& [v, name] : table)
        if (v == value)
            return QString::fromLatin1(name);
    return {};
}

template <typename E, typename Table>
std::optional<E> fromName(const Table& table, const QString& name) {
    for (const auto& [v, n] : table)
        if (name == QLatin1String(n))
            return v;
    return std::nullopt;
}
} // namespace

QString revisionKindName(RevisionKind kind) {
    return nameOf(kKinds, kind);
}
std::optional<RevisionKind> revisionKindFromName(const QString& name) {
    return fromName<RevisionKind>(kKinds, name);
}
QString reviewStateName(ReviewState state) {
    return nameOf(kStates, state);
}
std::optional<ReviewState> reviewStateFromName(const QString& name) {
    return fromName<ReviewState>(kStates, name);
}
QString originTypeName(OriginType type) {
    return nameOf(kOrigins, type);
}
std::optional<OriginType> originTypeFromName(const QString& name) {
    return fromName<OriginType>(kOrigins, name);
}

} // namespace cardiolens::labels
