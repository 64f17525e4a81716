#include "ecg/dsp/PyramidBuilder.h"

#include <algorithm>

namespace cardiolens::ecg {

PyramidBuilder::PyramidBuilder(FrameReader reader, int leadCount, std::int64_t length,
                               int baseBucket)
    : m_reader(std::move(reader)), m_leadCount(leadCount), m_length(length),
      m_baseBucket(baseBucket) {}

PyramidBuilder::~PyramidBuilder() {
    cancel();
    if (m_thread.joinable())
        m_thread.join();
}

void PyramidBuilder::start() {
    if (m_thread.joinable() || m_finished)
        return;
    m_thread = std::thread([this] {
        m_result = build(m_reader, m_leadCount, m_length, m_baseBucket, &m_cancel, &m_progress);
        m_finished = true;
    });
}

std::shared_ptr<const MinMaxPyramid> PyramidBuilder::result() {
    if (m_thread.joinable())
        m_thread.join();
    return m_result;
}

std::shared_ptr<MinMaxPyramid> PyramidBuilder::build(const FrameReader& reader, int leadCount,
                                                     std::int64_t length, int baseBucket,
                                                     const std::atomic<bool>* cancel,
                                                     std::atomic<double>* progress) {
    if (leadCount <= 0 || length <= 0 || baseBucket <= 0)
        return nullptr;
    auto pyramid = std::make_shared<MinMaxPyramid>(leadCount, length, baseBucket);
    const std::int64_t bucket = baseBucket;
    const std::int64_t buckets = (length + bucket - 1) / bucket;
    for (auto& lead : pyramid->m_levels)
        lead.assign(1, std::vector<MinMax>(std::size_t(buckets)));

    // Blocks of whole buckets, about 1M values per read.
    const std::int64_t bucketsPerBlock =
        std::max<std::int64_t>(1, (1 << 20) / (bucket * std::int64_t(leadCount)));
    std::vector<std::int32_t> block(std::size_t(bucketsPerBlock * bucket * leadCount));
    std::vector<MinMax> acc(static_cast<std::size_t>(leadCount));
    for (std::int64_t b0 = 0; b0 < buckets; b0 += bucketsPerBlock) {
        if (cancel && cancel->load())
            return nullptr;
        const std::int64_t first = b0 * bucket;
        const std::int64_t count = std::min(length, (b0 + bucketsPerBlock) * bucket) - first;
        if (!reader(first, count, block.data()))
            return nullptr;
        const std::int64_t blockBuckets = (count + bucket - 1) / bucket;
        for (std::int64_t k = 0; k < blockBuckets; ++k) {
            std::fill(acc.begin(), acc.end(), MinMax{});
            const std::int64_t end = std::min(count, (k + 1) * bucket);
            const std::int32_t* frame = block.data() + k * bucket * leadCount;
            for (std::int64_t i = k * bucket; i < end; ++i, frame += leadCount)
                for (int l = 0; l < leadCount; ++l)
                    acc[std::size_t(l)].add(frame[l]);
            for (int l = 0; l < leadCount; ++l)
                pyramid->m_levels[std::size_t(l)][0][std::size_t(b0 + k)] = acc[std::size_t(l)];
        }
        if (progress)
            progress->store(0.95 * double(b0 + blockBuckets) / double(buckets));
    }
    // Coarser levels until one pair covers the record.
    for (auto& lead : pyramid->m_levels) {
        while (lead.back().size() > 1) {
            const auto& below = lead.back();
            std::vector<MinMax> above((below.size() + MinMaxPyramid::kFactor - 1) /
                                      MinMaxPyramid::kFactor);
            for (std::size_t i = 0; i < below.size(); ++i)
                above[i / MinMaxPyramid::kFactor].add(below[i]);
            lead.push_back(std::move(above));
        }
    }
    if (progress)
        progress->store(1.0);
    return pyramid;
}

} // namespace cardiolens::ecg
