#include "ecg/EcgRecord.h"

#include <algorithm>

namespace cardiolens::ecg {

double Lead::millivoltsPerUnit() const {
    const QString u = units.trimmed();
    if (u.compare(QLatin1String("uV"), Qt::CaseInsensitive) == 0 || u == QStringLiteral("\u00b5V"))
        return 0.001;
    if (u == QLatin1String("V"))
        return 1000.0;
    if (u == QLatin1String("nV"))
        return 1e-6;
    return 1.0;
}

int EcgRecord::leadIndex(const QString& leadName) const {
    for (int i = 0; i < leadCount(); ++i)
        if (leads[std::size_t(i)].name.compare(leadName, Qt::CaseInsensitive) == 0)
            return i;
    return -1;
}

std::vector<std::int32_t> EcgRecord::raw(int lead, std::int64_t first, std::int64_t count) const {
    if (lead < 0 || lead >= leadCount() || first < 0 || count <= 0)
        return {};
    count = std::min(count, sampleCount(lead) - first);
    if (count <= 0)
        return {};
    std::vector<std::int32_t> out(static_cast<std::size_t>(count));
    out.resize(std::size_t(readRaw(lead, first, count, out.data())));
    return out;
}

std::int64_t EcgRecord::readPhysical(int lead, std::int64_t first, std::int64_t count,
                                     float* out) const {
    if (lead < 0 || lead >= leadCount())
        return 0;
    const Lead& l = leads[std::size_t(lead)];
    const double scale = 1.0 / l.gain;
    constexpr std::int64_t kChunk = 8192;
    std::int32_t buffer[kChunk];
    std::int64_t done = 0;
    while (done < count) {
        const std::int64_t n = readRaw(lead, first + done, std::min(kChunk, count - done), buffer);
        if (n <= 0)
            break;
        for (std::int64_t i = 0; i < n; ++i)
            out[done + i] = !l.isValid(buffer[i]) ? std::numeric_limits<float>::quiet_NaN()
                                                  : float((double(buffer[i]) - l.baseline) * scale);
        done += n;
    }
    return done;
}

std::vector<float> EcgRecord::physical(int lead, std::int64_t first, std::int64_t count) const {
    if (lead < 0 || lead >= leadCount() || first < 0 || count <= 0)
        return {};
    count = std::min(count, sampleCount(lead) - first);
    if (count <= 0)
        return {};
    std::vector<float> out(static_cast<std::size_t>(count));
    out.resize(std::size_t(readPhysical(lead, first, count, out.data())));
    return out;
}

} // namespace cardiolens::ecg
