#pragma once

#include "common/Result.h"
#include "ecg/MappedFile.h"
#include "ecg/SignalSource.h"
#include "ecg/WfdbHeader.h"

#include <memory>
#include <vector>

namespace cardiolens::ecg {

/// Decodes the signal files of one single-segment WFDB record straight from their memory
/// mappings. Signals written to the same file form a group whose samples are interleaved
/// frame by frame (samplesPerFrame values per signal); each group may have its own format
/// and byte offset (PTB's .dat + .xyz, CinC's .mat with a 24-byte header).
class WfdbSignalSource final : public SignalSource {
public:
    /// Maps the files named by \a header (relative to \a directory) and checks that each
    /// holds the frames the header promises. \a warnings receives tolerated oddities.
    static Result<std::shared_ptr<const WfdbSignalSource>>
    open(const WfdbHeader& header, const QString& directory, QStringList& warnings);

    std::int64_t readRaw(int lead, std::int64_t first, std::int64_t count,
                         std::int32_t* out) const override;
    std::int64_t readFrames(std::int64_t firstFrame, std::int64_t frameCount,
                            std::int32_t* out) const override;
    void releaseFrames(std::int64_t firstFrame, std::int64_t frameCount) const override;
    int leadCount() const override { return int(m_leads.size()); }
    std::int64_t frameCount() const override { return m_frames; }
    int samplesPerFrame(int lead) const override { return m_leads[std::size_t(lead)].spf; }

private:
    struct Group {
        std::shared_ptr<const MappedFile> file; ///< Null for a null signal ("~", format 0).
        const unsigned char* data = nullptr;    ///< First sample byte (after the offset).
        int format = 16;
        int frameSize = 0;  ///< Values per frame in this file.
        int recordSlot = 0; ///< Where this group's values start in a record frame.
    };
    struct LeadMap {
        int group = 0;
        int slot = 0; ///< Offset of this lead's first value inside its group's frame.
        int spf = 1;
        int skew = 0;
        std::int32_t initialValue = 0;         ///< Format 8 integration start.
        std::vector<std::int32_t> checkpoints; ///< Format 8: value before every kStep samples.
    };
    static constexpr std::int64_t kCheckpointStep = 65536;

    /// Stored values (first differences for format 8) of a lead, no skew applied.
    void readStored(const LeadMap& lead, std::int64_t first, std::int64_t count,
                    std::int32_t* out) const;
    void buildCheckpoints(LeadMap& lead) const;

    std::vector<Group> m_groups;
    std::vector<LeadMap> m_leads;
    std::int64_t m_frames = 0;
};

} // namespace cardiolens::ecg
