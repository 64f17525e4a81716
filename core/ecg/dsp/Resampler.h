#pragma once

#include <span>
#include <vector>

namespace cardiolens::ecg {

/// Band-limited resampling between any two rates (e.g. 360 -> 500 Hz, 1000 -> 128 Hz) by
/// Kaiser-windowed sinc interpolation. The pass band ends at 45 % of the lower of the two
/// rates, so downsampling does not alias. Output length is round(n * fsOut / fsIn); sample j
/// of the output sits at time j / fsOut, as sample 0 of the input does at time 0.
std::vector<float> resample(std::span<const float> input, double fsIn, double fsOut);

} // namespace cardiolens::ecg
