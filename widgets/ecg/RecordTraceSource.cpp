#include "ecg/RecordTraceSource.h"

#include <algorithm>
#include <cmath>

namespace cardiolens::widgets {

namespace {
// Below this many samples per column the page is read directly; above it the pyramid
// answers (exact column edges from raw samples, the middle from the pyramid)...
constexpr double kPyramidSamplesPerColumn = 16.0;
// ...and from this many buckets per column on, the pyramid alone (edges rounded to the
// nearest bucket, at most a quarter of a column: invisible, and nothing is decoded).
constexpr double kBucketsForRoundedEdges = 2.0;
// Without a pyramid yet, wide pages are subsampled to at most this many samples.
constexpr std::int64_t kMaxDirectSamples = 2'000'000;

bool uniformRate(const ecg::EcgRecord& r) {
    return std::all_of(r.leads.begin(), r.leads.end(),
                       [](const ecg::Lead& l) { return l.samplesPerFrame == 1; });
}
} // namespace

RecordTraceSource::RecordTraceSource(ecg::EcgRecord record) : m_record(std::move(record)) {
    m_pages.resize(std::size_t(m_record.leadCount()));
    m_filters.resize(std::size_t(m_record.leadCount()));
}

RecordTraceSource::~RecordTraceSource() = default;

void RecordTraceSource::setFilter(const ecg::FilterSettings& settings) {
    m_filterSettings = settings;
    for (int lead = 0; lead < m_record.leadCount(); ++lead) {
        auto f = std::make_unique<ecg::ZeroPhaseFilter>(settings, m_record.sampleRate(lead));
        m_filters[std::size_t(lead)] = f->isIdentity() ? nullptr : std::move(f);
        m_pages[std::size_t(lead)] = {};
    }
}

QStringList RecordTraceSource::leadNames() const {
    QStringList names;
    for (const auto& l : m_record.leads)
        names << l.name;
    return names;
}

QString RecordTraceSource::leadUnits(int lead) const {
    return lead >= 0 && lead < m_record.leadCount() ? m_record.leads[std::size_t(lead)].units
                                                    : QString();
}

bool RecordTraceSource::readPage(int lead, std::int64_t first, std::int64_t last,
                                 bool filtered) const {
    Page& page = m_pages[std::size_t(lead)];
    if (page.filtered == filtered && first >= page.first && last <= page.last &&
        !page.values.empty())
        return true;
    const ecg::Lead& spec = m_record.leads[std::size_t(lead)];
    const std::int64_t length = m_record.sampleCount(lead);
    const auto reader = [&](std::int64_t from, std::int64_t count, double* out) {
        m_raw.resize(std::size_t(count));
        const std::int64_t got = m_record.readRaw(lead, from, count, m_raw.data());
        for (std::int64_t i = 0; i < count; ++i)
            out[i] = i < got && spec.isValid(m_raw[std::size_t(i)])
                         ? spec.toPhysical(m_raw[std::size_t(i)])
                         : 0.0;
    };
    page.first = first;
    page.last = last;
    page.filtered = filtered;
    if (filtered) {
        page.values = m_filters[std::size_t(lead)]->applyWindow(reader, length, first, last);
    } else {
        page.values.resize(std::size_t(last - first));
        reader(first, last - first, page.values.data());
    }
    // The page now lives in our cache; the mapped file pages need not stay resident.
    m_record.releaseFrames(first, last - first);
    return page.values.size() == std::size_t(last - first);
}

void RecordTraceSource::minMax(int lead, double t0, double t1, int columns, float* mins,
                               float* maxs) const {
    std::fill(mins, mins + columns, NAN);
    std::fill(maxs, maxs + columns, NAN);
    if (lead < 0 || lead >= m_record.leadCount() || columns <= 0 || !(t1 > t0))
        return;
    const double fs = m_record.sampleRate(lead);
    const std::int64_t n = m_record.sampleCount(lead);
    const double s0 = t0 * fs;
    const double perColumn = (t1 - t0) * fs / columns;
    // Columns that overlap the record.
    const int cFirst = std::clamp(int(std::floor(-s0 / perColumn)), 0, columns);
    const int cLast = std::clamp(int(std::ceil((double(n) - s0) / perColumn)), 0, columns);
    if (cFirst >= cLast)
        return;
    const std::int64_t first =
        std::max<std::int64_t>(0, std::int64_t(std::floor(s0 + cFirst * perColumn)));
    const std::int64_t last =
        std::min<std::int64_t>(n, std::int64_t(std::ceil(s0 + cLast * perColumn)));
    if (first >= last)
        return;

    const ecg::Lead& spec = m_record.leads[std::size_t(lead)];
    const bool filterOn =
        m_filters[std::size_t(lead)] != nullptr && (last - first) <= kMaxFilteredSamples;

    if (!filterOn && m_pyramid && perColumn >= kPyramidSamplesPerColumn && uniformRate(m_record)) {
        ecg::LeadReader reader;
        if (perColumn < kBucketsForRoundedEdges * m_pyramid->baseBucket())
            reader = [this](int l, std::int64_t from, std::int64_t count, std::int32_t* out) {
                return m_record.readRaw(l, from, count, out) == count;
            };
        const auto q = m_pyramid->query(lead, first, last, cLast - cFirst, reader);
        if (reader)
            m_record.releaseFrames(first, last - first); // keep the mapping out of our RSS
        if (int(q.size()) == cLast - cFirst) {
            for (int c = cFirst; c < cLast; ++c) {
                const ecg::MinMax& mm = q[std::size_t(c - cFirst)];
                if (mm.isEmpty())
                    continue;
                mins[c] = float(spec.toPhysical(mm.min));
                maxs[c] = float(spec.toPhysical(mm.max));
            }
            return;
        }
    }

    // Direct path. Without a pyramid a very wide page is subsampled (an approximation
    // shown only until the background pyramid is ready).
    const std::int64_t stride =
        filterOn ? 1 : std::max<std::int64_t>(1, (last - first) / kMaxDirectSamples);
    if (stride > 1) {
        for (int c = cFirst; c < cLast; ++c) {
            const std::int64_t a = std::max<std::int64_t>(first, std::int64_t(s0 + c * perColumn));
            const std::int64_t b =
                std::min<std::int64_t>(last, std::int64_t(s0 + (c + 1) * perColumn));
            float lo = INFINITY, hi = -INFINITY;
            std::int32_t v = 0;
            for (std::int64_t s = a; s < b; s += stride)
                if (m_record.readRaw(lead, s, 1, &v) == 1 && spec.isValid(v)) {
                    lo = std::min(lo, float(spec.toPhysical(v)));
                    hi = std::max(hi, float(spec.toPhysical(v)));
                }
            if (lo <= hi) {
                mins[c] = lo;
                maxs[c] = hi;
            }
        }
        m_record.releaseFrames(first, last - first);
        return;
    }

    if (!readPage(lead, first, last, filterOn))
        return;
    const Page& page = m_pages[std::size_t(lead)];
    const auto value = [&](std::int64_t s) {
        return page.values[std::size_t(s - page.first)];
    };
    for (int c = cFirst; c < cLast; ++c) {
        const double a = s0 + c * perColumn;
        const double b = a + perColumn;
        std::int64_t ia = std::max<std::int64_t>(first, std::int64_t(std::ceil(a)));
        const std::int64_t ib = std::min<std::int64_t>(last, std::int64_t(std::ceil(b)));
        if (ia >= ib) {
            // Fewer samples than columns: interpolate at the column centre.
            const double x = std::clamp((a + b) / 2, double(first), double(last - 1));
            const auto i0 = std::int64_t(std::floor(x));
            const auto i1 = std::min(last - 1, i0 + 1);
            const double v = value(i0) + (value(i1) - value(i0)) * (x - double(i0));
            mins[c] = maxs[c] = float(v);
            continue;
        }
        double lo = value(ia), hi = lo;
        for (++ia; ia < ib; ++ia) {
            lo = std::min(lo, value(ia));
            hi = std::max(hi, value(ia));
        }
        mins[c] = float(lo);
        maxs[c] = float(hi);
    }
}

} // namespace cardiolens::widgets
