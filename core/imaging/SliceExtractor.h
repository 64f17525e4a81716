#pragma once

#include "imaging/CineVolume.h"
#include "imaging/ImageSlice.h"

namespace cardiolens::imaging {

/// Copies frame (slice, phase) of a cine volume into a float ImageSlice for display
/// (RGB frames as luminance), with the volume's pixel spacing and metadata.
ImageSlice extractSlice(const CineVolume& volume, int slice, int phase);

} // namespace cardiolens::imaging
