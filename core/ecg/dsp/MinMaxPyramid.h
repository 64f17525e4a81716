#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <vector>

namespace cardiolens::ecg {

/// Reads frames [first, first + count) of every lead, interleaved (frame-major:
/// out[frame * leadCount + lead]), as raw integer samples. Returns false on failure.
using FrameReader = std::function<bool(std::int64_t first, std::int64_t count, std::int32_t* out)>;

/// Reads samples [first, first + count) of one lead as raw integers. Returns false on failure.
/// Cheaper than a FrameReader for queries: only the asked lead is decoded.
using LeadReader =
    std::function<bool(int lead, std::int64_t first, std::int64_t count, std::int32_t* out)>;

/// The smallest and largest sample of a span.
struct MinMax {
    std::int32_t min = std::numeric_limits<std::int32_t>::max();
    std::int32_t max = std::numeric_limits<std::int32_t>::min();

    void add(std::int32_t v) {
        min = v < min ? v : min;
        max = v > max ? v : max;
    }
    void add(const MinMax& o) {
        min = o.min < min ? o.min : min;
        max = o.max > max ? o.max : max;
    }
    bool isEmpty() const { return min > max; }
    bool operator==(const MinMax&) const = default;
};

/// Per-lead min/max pyramid for drawing a long record at any zoom: level 0 holds one
/// min/max pair per bucket of baseBucket samples, each further level one pair per 4 pairs
/// below. Memory is about 2 * 4 bytes * 4/3 * samples / baseBucket per lead (a 24-h
/// 500 Hz lead with 128-sample buckets: 3 MB). Queries return one exact min/max per pixel
/// column in O(columns): whole buckets come from the coarsest fitting level, the ragged
/// column edges (< baseBucket samples each) from the raw samples.
class MinMaxPyramid {
public:
    static constexpr int kFactor = 4;

    MinMaxPyramid() = default;
    MinMaxPyramid(int leadCount, std::int64_t length, int baseBucket);

    int leadCount() const { return m_leadCount; }
    std::int64_t length() const { return m_length; }
    int baseBucket() const { return m_baseBucket; }
    int levelCount() const { return m_leadCount > 0 ? int(m_levels[0].size()) : 0; }
    std::size_t memoryBytes() const;

    /// Min/max of lead \a lead per pixel column: the range [first, last) is split into
    /// \a columns equal parts, column c covering [first + c*(last-first)/columns,
    /// first + (c+1)*(last-first)/columns). A column narrower than one sample takes the
    /// sample it falls on. \a reader supplies the raw samples of column edges; an empty
    /// vector means the reader failed or the arguments are out of range.
    std::vector<MinMax> query(int lead, std::int64_t first, std::int64_t last, int columns,
                              const FrameReader& reader) const;
    /// The same with a per-lead reader: column edges decode only this lead (what the
    /// viewer uses; a FrameReader decodes every lead of each edge). An empty reader answers
    /// from the pyramid alone, each column edge rounded to the nearest bucket boundary: no
    /// decoding at all, for columns many buckets wide where the rounding cannot be seen.
    std::vector<MinMax> query(int lead, std::int64_t first, std::int64_t last, int columns,
                              const LeadReader& reader) const;

    /// Min/max of [first, last) of one lead (exact); used by query and by tests.
    MinMax rangeMinMax(int lead, std::int64_t first, std::int64_t last, const FrameReader& reader,
                       std::vector<std::int32_t>& scratch) const;
    MinMax rangeMinMax(int lead, std::int64_t first, std::int64_t last, const LeadReader& reader,
                       std::vector<std::int32_t>& scratch) const;

private:
    friend class PyramidBuilder;
    // m_levels[lead][level] = pairs.
    std::vector<std::vector<std::vector<MinMax>>> m_levels;
    int m_leadCount = 0;
    std::int64_t m_length = 0;
    int m_baseBucket = 128;

    bool rawMinMax(int lead, std::int64_t first, std::int64_t last, const LeadReader& reader,
                   std::vector<std::int32_t>& scratch, MinMax& out) const;
    LeadReader leadReaderFor(const FrameReader& frames) const;
};

} // namespace cardiolens::ecg
