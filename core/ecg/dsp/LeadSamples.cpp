#include "ecg/dsp/LeadSamples.h"

#include <cmath>

namespace cardiolens::ecg {

float millivoltFactor(const QString& units) {
    const QString u = units.trimmed().toLower();
    if (u == QLatin1String("mv") || u.isEmpty())
        return 1.0f;
    if (u == QLatin1String("uv") || u == QStringLiteral("\u00b5v") || u == QStringLiteral("μv"))
        return 1e-3f;
    if (u == QLatin1String("v"))
        return 1e3f;
    if (u == QLatin1String("nv"))
        return 1e-6f;
    return 0.0f;
}

std::vector<LeadChoice> ecgLeadsAtFrameRate(const EcgRecord& record, int only) {
    std::vector<LeadChoice> out;
    for (int pass = 0; pass < 2 && out.empty(); ++pass)
        for (int l = 0; l < record.leadCount(); ++l) {
            const Lead& info = record.leads[std::size_t(l)];
            const float factor = millivoltFactor(info.units);
            if ((only < 0 || l == only) && info.samplesPerFrame == 1 &&
                (factor > 0.0f || pass == 1 || only >= 0))
                out.push_back({l, factor > 0.0f ? factor : 1.0f});
        }
    return out;
}

std::vector<float> heldLeadMillivolts(const EcgRecord& record, const LeadChoice& lead,
                                      std::int64_t first, std::int64_t count) {
    std::vector<float> x = record.physical(lead.lead, first, count);
    float last = 0.0f;
    for (float& v : x) {
        if (std::isfinite(v))
            last = v * lead.toMillivolt;
        v = last;
    }
    return x;
}

} // namespace cardiolens::ecg
