#pragma once

#include <cstdint>
#include <vector>

namespace cardiolens::ecg {

/// Frames [first, first + count) of a record.
struct FrameRange {
    std::int64_t first = 0;
    std::int64_t count = 0;
};

/// The longest span (gaps included) a record may cover: a month. Gap lengths come from
/// headers, and a lying one would otherwise make a viewer draw decades of nothing.
constexpr double kMaxRecordSpanSeconds = 31.0 * 86400.0;

/// Decodes the raw integer samples of a record on demand. Implementations read from a
/// memory mapping (WFDB, EDF) or from a buffer (CSV, DICOM); none holds the record as
/// doubles. All methods are const and safe to call from several threads at once.
///
/// Sample indices are per lead: lead L has frameCount * samplesPerFrame(L) samples.
class SignalSource {
public:
    virtual ~SignalSource() = default;

    /// Raw samples [first, first + count) of \a lead into \a out. The range is clipped to
    /// the lead's length; returns the number of samples written (0 for a bad lead/range).
    virtual std::int64_t readRaw(int lead, std::int64_t first, std::int64_t count,
                                 std::int32_t* out) const = 0;

    /// Frames [firstFrame, firstFrame + frameCount) of all leads, frame-major: each frame
    /// holds samplesPerFrame(0) samples of lead 0, then those of lead 1, ... (WFDB's
    /// getframe layout). One decode pass for all leads: use it for whole-record work.
    /// Returns the number of frames written. The default gathers with readRaw.
    virtual std::int64_t readFrames(std::int64_t firstFrame, std::int64_t frameCount,
                                    std::int32_t* out) const;

    /// Hint after a pass over frames [firstFrame, firstFrame + frameCount): the pages of a
    /// memory-mapped file holding them may leave this process's resident set (they stay in
    /// the page cache and are re-read transparently). Whole-record passes (pyramid
    /// building, detection) call it per chunk to keep resident memory flat. Default: no-op.
    virtual void releaseFrames(std::int64_t firstFrame, std::int64_t frameCount) const {
        (void)firstFrame;
        (void)frameCount;
    }

    /// The frame ranges that hold recorded samples, sorted and disjoint; frames outside them
    /// are gaps (null WFDB segments, EDF+D holes) that read as invalid. Whole-record passes
    /// skip the gaps instead of walking them. Default: the whole record.
    virtual std::vector<FrameRange> recordedRanges() const { return {{0, frameCount()}}; }

    virtual int leadCount() const = 0;
    virtual std::int64_t frameCount() const = 0;
    virtual int samplesPerFrame(int lead) const = 0;

    /// Sum of samplesPerFrame over all leads: the number of values in one frame.
    int frameSize() const;
    std::int64_t sampleCount(int lead) const {
        return frameCount() * std::int64_t(samplesPerFrame(lead));
    }
};

} // namespace cardiolens::ecg
