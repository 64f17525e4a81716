#pragma once

#include "ecg/Annotation.h"
#include "inference/InferenceResult.h"
#include "inference/ModelManifest.h"

#include <vector>

namespace cardiolens::inference {

/// The class a record-classification window is given: the most probable label among those
/// at or above their manifest threshold, else the most probable label. -1 for no windows.
int windowCall(const ModelManifest& manifest, const WindowProbabilities& windows,
               std::size_t window);

/// WFDB rhythm label for an output label: "AF"/"AFIB" -> "AFIB", "AFL" -> "AFL", "N"/"NSR"/"SR"
/// -> "N", anything else its code (or name) upper-cased without spaces.
QByteArray rhythmMnemonic(const OutputLabel& label);

/// Turns a rhythm classifier's windows into MIT rhythm annotations (code '+', aux "(AFIB"...)
/// at each change of windowCall(), placed halfway between the centres of the two windows
/// (the first at 0). A rhythm lasts until the next one, as in MIT-BIH's atr files. Only for
/// softmax outputs: a multi-label (sigmoid) model has no single rhythm per window.
std::vector<ecg::Annotation> rhythmEpisodes(const ModelManifest& manifest,
                                            const WindowProbabilities& windows,
                                            double recordFrameRate);

} // namespace cardiolens::inference
