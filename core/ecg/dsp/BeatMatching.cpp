#include "ecg/dsp/BeatMatching.h"

#include <cmath>

#include <cstdlib>

namespace cardiolens::ecg {

bool isBeatCode(int code) {
    // MIT codes: N1 L2 R3 a4 V5 F6 J7 A8 S9 E10 j11 /12 Q13 B25 ?30 e34 n35 f38 r41.
    switch (code) {
    case 1:
    case 2:
    case 3:
    case 4:
    case 5:
    case 6:
    case 7:
    case 8:
    case 9:
    case 10:
    case 11:
    case 12:
    case 13:
    case 25:
    case 30:
    case 34:
    case 35:
    case 38:
    case 41:
        return true;
    default:
        return false;
    }
}

double BeatScore::sensitivity() const {
    const auto d = truePositives + falseNegatives;
    return d > 0 ? 100.0 * double(truePositives) / double(d) : 100.0;
}

double BeatScore::positivePredictivity() const {
    const auto d = truePositives + falsePositives;
    return d > 0 ? 100.0 * double(truePositives) / double(d) : 100.0;
}

BeatScore& BeatScore::operator+=(const BeatScore& o) {
    truePositives += o.truePositives;
    falsePositives += o.falsePositives;
    falseNegatives += o.falseNegatives;
    return *this;
}

BeatScore matchBeats(std::span<const std::int64_t> reference,
                     std::span<const std::int64_t> detections, std::int64_t window) {
    BeatScore score;
    std::size_t r = 0, d = 0;
    while (r < reference.size() && d < detections.size()) {
        const std::int64_t ref = reference[r];
        const std::int64_t det = detections[d];
        if (det < ref - window) { // detection too early for this and every later reference
            ++score.falsePositives;
            ++d;
        } else if (det > ref + window) { // no detection near this reference
            ++score.falseNegatives;
            ++r;
        } else {
            // Within the window; if the next detection is closer to this reference (and the
            // current one is not needed for the next reference), prefer it.
            if (d + 1 < detections.size() &&
                std::llabs(detections[d + 1] - ref) < std::llabs(det - ref)) {
                ++score.falsePositives;
                ++d;
                continue;
            }
            ++score.truePositives;
            ++r;
            ++d;
        }
    }
    score.falseNegatives += std::int64_t(reference.size() - r);
    score.falsePositives += std::int64_t(detections.size() - d);
    return score;
}

QJsonObject BeatScore::toJson() const {
    QJsonObject o;
    o[QStringLiteral("tp")] = double(truePositives);
    o[QStringLiteral("fp")] = double(falsePositives);
    o[QStringLiteral("fn")] = double(falseNegatives);
    o[QStringLiteral("se_percent")] = std::round(sensitivity() * 1000.0) / 1000.0;
    o[QStringLiteral("ppv_percent")] = std::round(positivePredictivity() * 1000.0) / 1000.0;
    return o;
}

} // namespace cardiolens::ecg
