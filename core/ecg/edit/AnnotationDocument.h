#pragma once

#include "ecg/edit/AnnotationDelta.h"

#include <QByteArray>

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace cardiolens::ecg {

/// An editable annotation list (one annotator of one record) with undo. Items stay in
/// WFDB canonical order (time, number, channel; ties keep their order). Every edit is one
/// undo entry; an edit that changes nothing makes none. Bulk edits (a whole cluster, a
/// range) cost O(n + k log k), so relabelling 50,000 of 130,000 beats stays interactive.
class AnnotationDocument {
public:
    explicit AnnotationDocument(std::vector<Annotation> items = {});

    const std::vector<Annotation>& items() const { return m_items; }

    // Edits: true when something changed (and an undo entry was made).
    bool relabel(const std::vector<std::size_t>& indexes, int code);
    bool insert(Annotation annotation);
    bool remove(const std::vector<std::size_t>& indexes);
    bool move(std::size_t index, std::int64_t toSample);
    /// Every beat in [from, to] whose code is \a fromCode (-1: any beat) becomes \a toCode.
    /// Returns how many changed.
    std::size_t changeAllInRange(std::int64_t from, std::int64_t to, int fromCode, int toCode);
    /// A rhythm episode: "+" with aux "(CODE" at \a start and, at \a end, the rhythm that
    /// was in force there before (or "(N"). Rhythm changes inside the episode are removed.
    bool insertRhythmEpisode(std::int64_t start, std::int64_t end, const QByteArray& rhythm);
    /// Replaces every beat annotation by \a beats (accepting a model's output) in one step.
    bool replaceBeats(std::vector<Annotation> beats, const QString& label);
    /// Applies any delta as one undo entry; false (and nothing changed) when a removed
    /// annotation is not present.
    bool apply(AnnotationDelta delta);

    bool canUndo() const { return !m_undo.empty(); }
    bool canRedo() const { return !m_redo.empty(); }
    QString undoLabel() const { return canUndo() ? m_undo.back().label : QString(); }
    QString redoLabel() const { return canRedo() ? m_redo.back().label : QString(); }
    bool undo();
    bool redo();
    std::size_t undoCount() const { return m_undo.size(); }
    /// Oldest entries are dropped beyond this many bytes of history (default 64 MB).
    void setHistoryLimit(std::size_t bytes);

    /// Unsaved edits since markSaved() (undoing back to the saved state clears it).
    bool isModified() const { return m_version != m_savedVersion; }
    void markSaved() { m_savedVersion = m_version; }

    /// Index of the beat nearest to \a sample within \a maxDistance samples.
    std::optional<std::size_t> nearestBeat(std::int64_t sample, std::int64_t maxDistance) const;
    /// Rhythm in force at \a sample (aux of the last "+" at or before it), empty if none.
    QByteArray rhythmAt(std::int64_t sample) const;

    /// Called after every applied change (edit, undo or redo) with the delta as applied:
    /// the journal hook that keeps unsaved work safe.
    void setChangeListener(std::function<void(const AnnotationDelta&)> listener) {
        m_listener = std::move(listener);
    }

private:
    bool applyRaw(const std::vector<Annotation>& removed, const std::vector<Annotation>& inserted,
                  const std::vector<std::uint32_t>* insertRanks,
                  std::vector<std::uint32_t>* removedRanks);
    void record(AnnotationDelta delta);

    std::vector<Annotation> m_items;
    std::vector<AnnotationDelta> m_undo, m_redo;
    std::size_t m_historyBytes = 0;
    std::size_t m_historyLimit = std::size_t(64) << 20;
    std::uint64_t m_version = 0, m_savedVersion = 0, m_nextVersion = 1;
    std::vector<std::uint64_t> m_undoVersions, m_redoVersions;
    std::function<void(const AnnotationDelta&)> m_listener;
};

} // namespace cardiolens::ecg
