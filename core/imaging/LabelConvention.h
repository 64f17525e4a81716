#pragma once

#include "imaging/CardiacLabel.h"

#include <QString>

#include <array>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace cardiolens::imaging {

/// How a dataset numbers its labels.
enum class LabelConvention {
    Internal, ///< CardiacLabel values as they are.
    Acdc,     ///< ACDC: RV blood pool 1, LV myocardium 2, LV blood pool 3.
    Mnms,     ///< M&Ms (1 and 2): LV blood pool 1, LV myocardium 2, RV blood pool 3.
    Camus,    ///< CAMUS: LV blood pool 1, LV myocardium 2, left atrium 3.
    EchoNet,  ///< EchoNet-Dynamic tracings rasterised: LV blood pool 1.
};

/// Lower-case machine name, e.g. "acdc".
QString labelConventionName(LabelConvention convention);

/// A two-way table between a dataset's label values and the internal CardiacLabel values.
/// Values a dataset does not define import as Background (and are counted); internal labels
/// a dataset cannot express export as 0.
class LabelMapping {
public:
    static LabelMapping forConvention(LabelConvention convention);

    LabelConvention convention() const { return m_convention; }
    /// (dataset value, internal label) pairs, background excluded.
    const std::vector<std::pair<std::uint8_t, CardiacLabel>>& entries() const { return m_entries; }

    CardiacLabel toInternal(std::uint8_t datasetValue) const {
        return static_cast<CardiacLabel>(m_toInternal[datasetValue]);
    }
    std::uint8_t fromInternal(CardiacLabel label) const {
        return m_fromInternal[labelValue(label)];
    }

    /// Rewrites dataset values as internal values in place. Returns how many voxels held
    /// a value the dataset does not define (they become Background).
    std::size_t importInPlace(std::span<std::uint8_t> labels) const;
    /// Rewrites internal values as dataset values in place. Returns how many voxels held
    /// a label the dataset cannot express (they become 0).
    std::size_t exportInPlace(std::span<std::uint8_t> labels) const;

private:
    LabelConvention m_convention = LabelConvention::Internal;
    std::vector<std::pair<std::uint8_t, CardiacLabel>> m_entries;
    std::array<std::uint8_t, 256> m_toInternal{};
    std::array<std::uint8_t, 256> m_fromInternal{};
    std::array<bool, 256> m_knownDataset{};
    std::array<bool, 256> m_knownInternal{};
};

/// Sunnybrook expert contours: the inner (endocardial) contour bounds the LV blood pool,
/// the outer (epicardial) one the blood pool plus myocardium.
enum class SunnybrookContourKind { Inner, Outer };

/// Label of the region a Sunnybrook contour adds: Inner -> LV blood pool; Outer -> LV
/// myocardium (the ring between the outer and the inner contour).
CardiacLabel sunnybrookContourLabel(SunnybrookContourKind kind);

} // namespace cardiolens::imaging
