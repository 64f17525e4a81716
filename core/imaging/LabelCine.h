#pragma once

#include "imaging/CardiacLabel.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace cardiolens::imaging {

/// A labelled cine in the internal label convention: nx x ny pixels x nz slices x nt
/// phases, x fastest, then y, slice, phase. Datasets often label only some frames (ACDC
/// and M&Ms: ED and ES); frameNumbers then gives the cine frame (0-based) of each stored
/// phase.
struct LabelCine {
    int nx = 0;
    int ny = 0;
    int nz = 0;
    int nt = 0;
    /// mm: pixel spacing along x and y, and slice spacing (thickness + gap).
    std::array<double, 3> spacing{1.0, 1.0, 1.0};
    std::vector<std::uint8_t> labels;
    std::vector<int> frameNumbers; ///< Empty: phase p is frame p.

    std::size_t sliceSize() const { return std::size_t(nx) * std::size_t(ny); }
    std::size_t phaseSize() const { return sliceSize() * std::size_t(nz); }
    bool isConsistent() const {
        return nx > 0 && ny > 0 && nz > 0 && nt > 0 &&
               labels.size() == phaseSize() * std::size_t(nt) &&
               (frameNumbers.empty() || frameNumbers.size() == std::size_t(nt));
    }
    int frameOfPhase(int phase) const {
        return frameNumbers.empty() ? phase : frameNumbers[std::size_t(phase)];
    }
    const std::uint8_t* phaseData(int phase) const {
        return labels.data() + phaseSize() * std::size_t(phase);
    }
    std::uint8_t* phaseData(int phase) { return labels.data() + phaseSize() * std::size_t(phase); }
};

} // namespace cardiolens::imaging
