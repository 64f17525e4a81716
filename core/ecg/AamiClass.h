#pragma once

namespace cardiolens::ecg {

/// The five AAMI EC57 heartbeat classes used to evaluate and colour beat labels.
enum class AamiClass : char {
    N = 'N', ///< Normal and bundle branch block beats, escape beats (N L R e j).
    S = 'S', ///< Supraventricular ectopic (A a J S).
    V = 'V', ///< Ventricular ectopic (V E).
    F = 'F', ///< Fusion of ventricular and normal (F).
    Q = 'Q', ///< Paced, fusion of paced and normal, unclassifiable (/ f Q).
    None = 0 ///< Not a beat annotation.
};

/// AAMI class of an MIT annotation code (see AnnotationCodes).
AamiClass aamiClassOf(int mitCode);

} // namespace cardiolens::ecg
