#pragma once

#include "imaging/FrameView.h"

#include <array>
#include <cstdint>
#include <vector>

namespace cardiolens::imaging {

class EditableLabels;

/// Fills the slices between two edited slices of one phase by shape interpolation, per
/// label (ITK-SNAP's and Slicer's "fill between slices"): each label's signed distance map
/// (in mm) is blended linearly between the two slices and thresholded at zero; where labels
/// compete, a pixel goes to the one it lies deepest inside. With alignCentroids, each
/// label's two shapes are first moved onto their interpolated centre (a heart that shifts
/// between slices keeps its shape instead of shrinking where the shapes do not overlap).
class SliceInterpolation {
public:
    struct Options {
        bool alignCentroids = true;
        bool skipTouched = false; ///< Leave slices a person already edited alone.
    };

    /// Interpolates the slices strictly between \a sliceA and \a sliceB at \a phase: ONE
    /// action. False when they are adjacent or nothing changed.
    static bool apply(EditableLabels& doc, int phase, int sliceA, int sliceB,
                      const Options& options);
    static bool apply(EditableLabels& doc, int phase, int sliceA, int sliceB) {
        return apply(doc, phase, sliceA, sliceB, Options{});
    }

    /// The pure computation: the labels at fraction \a t (0 = a, 1 = b) between frames
    /// \a a and \a b (same size), row-major.
    static std::vector<std::uint8_t> between(FrameView<const std::uint8_t> a,
                                             FrameView<const std::uint8_t> b, double t,
                                             std::array<double, 2> pixelSpacing,
                                             const Options& options);
    static std::vector<std::uint8_t> between(FrameView<const std::uint8_t> a,
                                             FrameView<const std::uint8_t> b, double t,
                                             std::array<double, 2> pixelSpacing) {
        return between(a, b, t, pixelSpacing, Options{});
    }
};

} // namespace cardiolens::imaging
