#include "ecg/MemorySignalSource.h"

#include <algorithm>

namespace cardiolens::ecg {

MemorySignalSource::MemorySignalSource(std::vector<std::vector<std::int32_t>> leads)
    : m_leads(std::move(leads)) {
    m_frames = m_leads.empty() ? 0 : std::int64_t(m_leads.front().size());
    for (const auto& l : m_leads)
        m_frames = std::min(m_frames, std::int64_t(l.size()));
}

std::int64_t MemorySignalSource::readRaw(int lead, std::int64_t first, std::int64_t count,
                                         std::int32_t* out) const {
    if (lead < 0 || lead >= leadCount() || first < 0 || count <= 0 || first >= m_frames)
        return 0;
    count = std::min(count, m_frames - first);
    const auto& v = m_leads[std::size_t(lead)];
    std::copy_n(v.begin() + first, count, out);
    return count;
}

} // namespace cardiolens::ecg
