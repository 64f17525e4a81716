#pragma once

#include "imaging/CardiacLabel.h"
#include "imaging/LabelVolume.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace cardiolens::imaging {

/// A read-only view of a labelled cine in the internal label convention: nx x ny pixels x
/// nz slices x nt phases, x fastest, then y, slice, phase. Datasets often label only some
/// frames (ACDC and M&Ms: ED and ES); frameNumbers then gives the cine frame (0-based) of
/// each stored phase.
struct LabelCineView {
    const std::uint8_t* labels = nullptr;
    int nx = 0;
    int ny = 0;
    int nz = 0;
    int nt = 0;
    /// mm: pixel spacing along x and y, and slice spacing (thickness + gap).
    std::array<double, 3> spacing{1.0, 1.0, 1.0};
    std::span<const int> frameNumbers; ///< Empty: phase p is frame p.

    std::size_t sliceSize() const { return std::size_t(nx) * std::size_t(ny); }
    std::size_t phaseSize() const { return sliceSize() * std::size_t(nz); }
    bool isConsistent() const {
        return labels && nx > 0 && ny > 0 && nz > 0 && nt > 0 &&
               (frameNumbers.empty() || frameNumbers.size() == std::size_t(nt));
    }
    int frameOfPhase(int phase) const {
        return frameNumbers.empty() ? phase : frameNumbers[std::size_t(phase)];
    }
    const std::uint8_t* phaseData(int phase) const {
        return labels + phaseSize() * std::size_t(phase);
    }
};

/// An owning labelled cine (same layout as LabelCineView), for labels assembled from
/// several files or drawn from contours.
struct LabelCine {
    int nx = 0;
    int ny = 0;
    int nz = 0;
    int nt = 0;
    std::array<double, 3> spacing{1.0, 1.0, 1.0};
    std::vector<std::uint8_t> labels;
    std::vector<int> frameNumbers; ///< Empty: phase p is frame p.

    std::size_t sliceSize() const { return std::size_t(nx) * std::size_t(ny); }
    std::size_t phaseSize() const { return sliceSize() * std::size_t(nz); }
    std::uint8_t* phaseData(int phase) { return labels.data() + phaseSize() * std::size_t(phase); }
    const std::uint8_t* phaseData(int phase) const {
        return labels.data() + phaseSize() * std::size_t(phase);
    }
    LabelCineView view() const {
        if (labels.size() != phaseSize() * std::size_t(nt))
            return {};
        return {labels.data(), nx, ny, nz, nt, spacing, frameNumbers};
    }
};

/// A view of a label volume (already mapped to internal labels), without copying.
inline LabelCineView labelCineView(const LabelVolume& volume,
                                   std::span<const int> frameNumbers = {}) {
    const VolumeExtent& e = volume.extent();
    const VolumeGeometry& g = volume.geometry();
    return {volume.labels().data(),
            e.width,
            e.height,
            e.slices,
            e.phases,
            {g.pixelSpacing[0], g.pixelSpacing[1], g.sliceSpacing},
            frameNumbers};
}

} // namespace cardiolens::imaging
