#pragma once

#include "ecg/dsp/QrsDetector.h"

#include <vector>

namespace cardiolens::ecg {

/// Removes detections that are far less steep AND far smaller than the QRS complexes
/// around them, when their removal leaves an ordinary RR interval. On low-amplitude
/// records (hand-held single-lead ECGs) T waves, P waves and slow motion artefacts reach
/// the detection threshold, and the adaptive levels then follow them. Seen over the whole
/// record the QRS complexes stand out, and removing a T wave closes no gap, whereas
/// removing a real beat would open one. Premature ventricular beats are often less steep
/// than the sinus beats (MIT-BIH 208), but rarely also this much smaller in QRS energy:
/// requiring both keeps them.
std::vector<QrsBeat> dropWeakExtraBeats(std::vector<QrsBeat> beats, double fs,
                                        const QrsDetectorSettings& settings);

} // namespace cardiolens::ecg
