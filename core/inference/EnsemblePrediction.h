#pragma once

#include "inference/ModelSession.h"

namespace cardiolens::inference {

/// Runs \a input through the model as the manifest's uncertainty method asks: once
/// (entropy), N passes with dropout active averaged (mc-dropout), or the input and its
/// left-right mirror averaged (flip-tta, 4-D image batches). The probabilities returned are
/// the average; the per-case score is then the mean normalised entropy of that average.
Result<Probabilities> predictWithUncertainty(ModelSession& session, const Tensor& input);

/// Mirrors a (batch, channels, height, width) float tensor left-right.
Tensor flipWidth(const Tensor& input);

} // namespace cardiolens::inference
