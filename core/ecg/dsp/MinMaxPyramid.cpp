#include "ecg/dsp/MinMaxPyramid.h"

#include <algorithm>

namespace cardiolens::ecg {

MinMaxPyramid::MinMaxPyramid(int leadCount, std::int64_t length, int baseBucket)
    : m_levels(std::size_t(std::max(0, leadCount))), m_leadCount(std::max(0, leadCount)),
      m_length(std::max<std::int64_t>(0, length)), m_baseBucket(std::max(1, baseBucket)) {}

std::size_t MinMaxPyramid::memoryBytes() const {
    std::size_t bytes = 0;
    for (const auto& lead : m_levels)
        for (const auto& level : lead)
            bytes += level.capacity() * sizeof(MinMax);
    return bytes;
}

LeadReader MinMaxPyramid::leadReaderFor(const FrameReader& frames) const {
    const int leads = m_leadCount;
    return [&frames, leads](int lead, std::int64_t first, std::int64_t count, std::int32_t* out) {
        std::vector<std::int32_t> all(std::size_t(count * leads));
        if (!frames(first, count, all.data()))
            return false;
        for (std::int64_t i = 0; i < count; ++i)
            out[i] = all[std::size_t(i * leads + lead)];
        return true;
    };
}

bool MinMaxPyramid::rawMinMax(int lead, std::int64_t first, std::int64_t last,
                              const LeadReader& reader, std::vector<std::int32_t>& scratch,
                              MinMax& out) const {
    if (first >= last)
        return true;
    const std::int64_t count = last - first;
    scratch.resize(std::size_t(count));
    if (!reader(lead, first, count, scratch.data()))
        return false;
    for (std::int64_t i = 0; i < count; ++i)
        out.add(scratch[std::size_t(i)]);
    return true;
}

MinMax MinMaxPyramid::rangeMinMax(int lead, std::int64_t first, std::int64_t last,
                                  const FrameReader& reader,
                                  std::vector<std::int32_t>& scratch) const {
    return rangeMinMax(lead, first, last, leadReaderFor(reader), scratch);
}

MinMax MinMaxPyramid::rangeMinMax(int lead, std::int64_t first, std::int64_t last,
                                  const LeadReader& reader,
                                  std::vector<std::int32_t>& scratch) const {
    MinMax result;
    const auto& levels = m_levels[std::size_t(lead)];
    const std::int64_t bucket = m_baseBucket;
    const std::int64_t buckets = levels.empty() ? 0 : std::int64_t(levels[0].size());
    // Whole level-0 buckets inside [first, last); the record's last bucket may be short.
    std::int64_t lo = (first + bucket - 1) / bucket;
    std::int64_t hi = last >= m_length ? buckets : last / bucket;
    if (!reader) {
        // No reader: edges rounded to the nearest bucket boundary, at least one bucket.
        lo = std::clamp<std::int64_t>((first + bucket / 2) / bucket, 0,
                                      std::max<std::int64_t>(0, buckets - 1));
        hi = std::clamp<std::int64_t>((last + bucket / 2) / bucket, lo + 1, buckets);
    } else if (lo >= hi) {
        if (!rawMinMax(lead, first, last, reader, scratch, result))
            return MinMax{};
        return result;
    }
    if (reader && (!rawMinMax(lead, first, lo * bucket, reader, scratch, result) ||
                   !rawMinMax(lead, std::min(last, hi * bucket), last, reader, scratch, result)))
        return MinMax{};
    // Climb the levels: ragged buckets at this level, the aligned middle one level up.
    for (std::size_t level = 0; lo < hi; ++level) {
        const auto& pairs = levels[level];
        if (level + 1 == levels.size()) {
            for (std::int64_t i = lo; i < hi; ++i)
                result.add(pairs[std::size_t(i)]);
            break;
        }
        while (lo < hi && lo % kFactor != 0)
            result.add(pairs[std::size_t(lo++)]);
        while (lo < hi && hi % kFactor != 0)
            result.add(pairs[std::size_t(--hi)]);
        lo /= kFactor;
        hi /= kFactor;
    }
    return result;
}

std::vector<MinMax> MinMaxPyramid::query(int lead, std::int64_t first, std::int64_t last,
                                         int columns, const FrameReader& reader) const {
    return query(lead, first, last, columns, leadReaderFor(reader));
}

std::vector<MinMax> MinMaxPyramid::query(int lead, std::int64_t first, std::int64_t last,
                                         int columns, const LeadReader& reader) const {
    if (lead < 0 || lead >= m_leadCount || columns <= 0 || first < 0 || last > m_length ||
        first >= last)
        return {};
    std::vector<MinMax> out(static_cast<std::size_t>(columns));
    std::vector<std::int32_t> scratch;
    const std::int64_t span = last - first;
    if (reader && span <= std::int64_t(columns) * m_baseBucket) {
        // Zoomed in: one raw read covers every column, O(columns * baseBucket) at most.
        scratch.resize(std::size_t(span));
        if (!reader(lead, first, span, scratch.data()))
            return {};
        for (int c = 0; c < columns; ++c) {
            const std::int64_t a = c * span / columns;
            const std::int64_t b = std::max(a + 1, (c + 1) * span / columns);
            MinMax& mm = out[std::size_t(c)];
            for (std::int64_t i = a; i < b && i < span; ++i)
                mm.add(scratch[std::size_t(i)]);
        }
        return out;
    }
    for (int c = 0; c < columns; ++c) {
        const std::int64_t a = first + c * span / columns;
        const std::int64_t b = first + (c + 1) * span / columns;
        out[std::size_t(c)] = rangeMinMax(lead, a, b, reader, scratch);
        if (out[std::size_t(c)].isEmpty())
            return {};
    }
    return out;
}

} // namespace cardiolens::ecg
