#pragma once

#include "ecg/SignalSource.h"

#include <vector>

namespace cardiolens::ecg {

/// Samples held in memory, one vector per lead (CSV and DICOM inputs, which are small and
/// must be parsed anyway). All leads have the same samples per frame (1).
class MemorySignalSource final : public SignalSource {
public:
    explicit MemorySignalSource(std::vector<std::vector<std::int32_t>> leads);

    std::int64_t readRaw(int lead, std::int64_t first, std::int64_t count,
                         std::int32_t* out) const override;
    int leadCount() const override { return int(m_leads.size()); }
    std::int64_t frameCount() const override { return m_frames; }
    int samplesPerFrame(int) const override { return 1; }

private:
    std::vector<std::vector<std::int32_t>> m_leads;
    std::int64_t m_frames = 0;
};

} // namespace cardiolens::ecg
