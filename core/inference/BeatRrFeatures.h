#pragma once

#include <QStringList>

#include <cstdint>
#include <vector>

namespace cardiolens::inference {

/// RR intervals a beat classifier gets beside each beat's window (manifest
/// input.rr_features), in seconds: "pre_rr_s" (previous RR), "post_rr_s" (next RR),
/// "local_rr_s" (mean of the last \a localBeats previous RRs, this beat's included) and
/// "record_rr_s" (median RR of the record). The first beat's previous RR is its next one and
/// the last beat's next RR its previous one; with fewer than two beats every value is 1 s.
/// tools/train/common/datasets.py computes the same for training: keep the two in step.
class BeatRrFeatures {
public:
    static const QStringList& names();

    /// \a frames: beat positions in frames at \a frameRate, ascending. Returns
    /// frames.size() x features.size() values, row-major, in the order of \a features
    /// (names from names(); an unknown name gives 0).
    static std::vector<float> compute(const std::vector<std::int64_t>& frames, double frameRate,
                                      const QStringList& features, int localBeats);
};

} // namespace cardiolens::inference
