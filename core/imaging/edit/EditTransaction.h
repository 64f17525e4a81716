#pragma once

#include "imaging/FrameView.h"
#include "imaging/edit/FrameDelta.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace cardiolens::imaging {

class EditableLabels;

/// What an action does to the frames' "touched by a person" flags.
enum class TouchPolicy {
    MarkTouched, ///< A manual edit (brush, polygon, ...).
    ClearTouched ///< Labels replaced by a model's prediction: no longer a person's work.
};

/// One action in progress on an EditableLabels document. Frames are written in place (so
/// the display shows them at once); the first access to a frame keeps a copy of it, and
/// commit() turns the differences into one EditRecord. Destroying an uncommitted
/// transaction cancels it, restoring every frame. Move-only.
class EditTransaction {
public:
    EditTransaction(EditTransaction&& other) noexcept;
    EditTransaction& operator=(EditTransaction&&) = delete;
    EditTransaction(const EditTransaction&) = delete;
    ~EditTransaction();

    /// The live frame (slice, phase), to be modified in place; empty when the transaction
    /// is closed or the frame does not exist.
    FrameView<std::uint8_t> frame(int slice, int phase);
    /// The frame as it was before this action.
    FrameView<const std::uint8_t> original(int slice, int phase);
    /// Tells the display that the frame changed (emits EditableLabels::frameChanged). The
    /// record does not depend on it: commit() compares every accessed frame in full.
    void changed(int slice, int phase);

    /// Records the action; false when nothing changed (no history entry is made).
    bool commit();
    /// Restores every frame it touched.
    void cancel();
    bool isOpen() const { return m_doc != nullptr; }

private:
    friend class EditableLabels;
    EditTransaction(EditableLabels* doc, QString action, int policy);

    struct Snapshot {
        int slice = 0;
        int phase = 0;
        std::vector<std::uint8_t> before;
    };
    Snapshot& snapshot(int slice, int phase);

    EditableLabels* m_doc = nullptr;
    QString m_action;
    int m_policy = 0;
    std::vector<Snapshot> m_snapshots;
    std::vector<int> m_index; // frame index -> snapshot + 1, 0 when none
};

} // namespace cardiolens::imaging
