#pragma once

#include "imaging/FrameView.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace cardiolens::imaging {

/// A rectangle of pixels in a frame: columns [x, x + width), rows [y, y + height).
struct FrameBox {
    int x = 0;
    int y = 0;
    int width = 0;
    int height = 0;

    bool isEmpty() const { return width <= 0 || height <= 0; }
    std::size_t area() const { return isEmpty() ? 0 : std::size_t(width) * std::size_t(height); }
    /// The smallest box holding both (an empty box is ignored).
    FrameBox united(const FrameBox& other) const;
    /// This box cut to a width x height frame.
    FrameBox clipped(int frameWidth, int frameHeight) const;
    friend bool operator==(const FrameBox&, const FrameBox&) = default;
};

/// The change one action made to one frame, as ITK-SNAP keeps undo: only the bounding box
/// of the changed pixels, as the run-length-encoded XOR of the labels before and after.
/// XOR makes the delta its own inverse: applying it to the "before" plane gives "after" and
/// applying it again gives "before" back, so one compact record serves undo, redo and a
/// journal replay. The RLE stream is (varint run length, byte value) pairs, row-major over
/// the box; a painted disc is a handful of runs per row.
struct FrameDelta {
    int slice = 0;
    int phase = 0;
    FrameBox box;
    std::vector<std::uint8_t> rle;
    bool touchedBefore = false; ///< The frame's "a person edited it" flag before the action.
    bool touchedAfter = false;  ///< ... and after it.

    /// The delta between \a before and \a after (same size), or nothing when they are equal.
    /// \a hint, when not empty, bounds where they may differ (a stroke's dirty box).
    static std::optional<FrameDelta> between(std::span<const std::uint8_t> before,
                                             FrameView<const std::uint8_t> after, int slice,
                                             int phase, FrameBox hint = {});
    /// Toggles the frame between its before and after state. False (and nothing written)
    /// when the box does not fit \a frame or the stream is malformed.
    bool applyTo(FrameView<std::uint8_t> frame) const;
    /// True when the stream decodes to exactly the box's pixel count.
    bool isWellFormed() const;
    /// Number of pixels the action changed.
    std::size_t changedPixels() const;
    /// Memory held by this delta (what the history's bound counts).
    std::size_t bytes() const { return sizeof(FrameDelta) + rle.capacity(); }
};

} // namespace cardiolens::imaging
