#pragma once

#include <QJsonObject>

#include <cstdint>
#include <span>
#include <vector>

namespace cardiolens::ecg {

/// True for MIT annotation codes that mark a beat (N L R B A a J S V r F e j n E / f Q ?);
/// rhythm, noise, artefact and comment annotations are not beats.
bool isBeatCode(int mitCode);

/// Detection performance against reference beats (ANSI/AAMI EC57 style beat-by-beat).
struct BeatScore {
    std::int64_t truePositives = 0;
    std::int64_t falsePositives = 0;
    std::int64_t falseNegatives = 0;

    double sensitivity() const;          ///< Se = TP / (TP + FN), in percent.
    double positivePredictivity() const; ///< +P = TP / (TP + FP), in percent.
    BeatScore& operator+=(const BeatScore& other);
    /// {"tp", "fp", "fn", "se_percent", "ppv_percent"}: the form the CLI and benchmarks print.
    QJsonObject toJson() const;
};

/// Matches detections to reference beats one to one: a reference beat and a detection match
/// when they are within \a windowSamples of each other (150 ms is standard); each is used at
/// most once, nearest pairs first in time order. Both inputs must be sorted.
BeatScore matchBeats(std::span<const std::int64_t> reference,
                     std::span<const std::int64_t> detections, std::int64_t windowSamples);

} // namespace cardiolens::ecg
