#pragma once

#include "ecg/Annotation.h"
#include "ecg/EcgViewState.h"

#include <vector>

namespace cardiolens::widgets {

/// Turns an annotator's MIT annotations into what the strip draws: beat labels (with
/// their AAMI class), rhythm episodes (a rhythm annotation's aux "(AFIB" lasts until the
/// next rhythm annotation) and noise spans ('~' with a non-zero subtype until the next
/// '~'; '|' isolated artefacts as short marks) and delineated waves (onset '(', the wave's
/// peak — p, a beat code or t — and offset ')').
struct EcgOverlays {
    std::vector<EcgBeatMark> beats;
    std::vector<EcgEpisode> episodes;
    std::vector<EcgWave> waves;            ///< Wave onset '(' ... offset ')' spans (delineation).
    std::vector<std::int64_t> beatSamples; ///< Beat positions, for heart rate.

    static EcgOverlays fromAnnotations(const std::vector<ecg::Annotation>& items, double frameRate,
                                       double durationSeconds);
};

} // namespace cardiolens::widgets
