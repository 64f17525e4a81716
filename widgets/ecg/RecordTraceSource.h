#pragma once

#include "ecg/EcgRecord.h"
#include "ecg/EcgTraceSource.h"
#include "ecg/dsp/MinMaxPyramid.h"
#include "ecg/dsp/ZeroPhaseFilter.h"

#include <memory>
#include <vector>

namespace cardiolens::widgets {

/// Serves a core EcgRecord to the strip view. Zoomed out, min/max come from the record's
/// pyramid (O(pixels)); zoomed in, from the samples of the page, filtered with a warm-up
/// span when a filter is on. Stored data is never changed. Not thread-safe: the GUI
/// thread owns it (the pyramid is built elsewhere and handed over).
class RecordTraceSource final : public EcgTraceSource {
public:
    explicit RecordTraceSource(ecg::EcgRecord record);
    ~RecordTraceSource() override;

    const ecg::EcgRecord& record() const { return m_record; }
    void setPyramid(std::shared_ptr<const ecg::MinMaxPyramid> pyramid) {
        m_pyramid = std::move(pyramid);
    }
    bool hasPyramid() const { return m_pyramid != nullptr; }
    void setFilter(const ecg::FilterSettings& settings);
    const ecg::FilterSettings& filter() const { return m_filterSettings; }

    QStringList leadNames() const override;
    QString leadUnits(int lead) const override;
    double durationSeconds() const override { return m_record.durationSeconds(); }
    double sampleRate(int lead) const override { return m_record.sampleRate(lead); }
    void minMax(int lead, double t0, double t1, int columns, float* mins,
                float* maxs) const override;

    /// Most samples per lead a page may span for filtering; wider pages show raw data.
    static constexpr std::int64_t kMaxFilteredSamples = 4'000'000;

private:
    bool readPage(int lead, std::int64_t first, std::int64_t last, bool filtered) const;

    ecg::EcgRecord m_record;
    std::shared_ptr<const ecg::MinMaxPyramid> m_pyramid;
    ecg::FilterSettings m_filterSettings;
    std::vector<std::unique_ptr<ecg::ZeroPhaseFilter>> m_filters; ///< Per lead (rates may differ).

    // Page cache: the last samples read per lead, so repaints (caliper drags, overlays)
    // neither decode nor filter again.
    struct Page {
        std::int64_t first = 0, last = 0;
        bool filtered = false;
        std::vector<double> values;
    };
    mutable std::vector<Page> m_pages;
    mutable std::vector<std::int32_t> m_raw;
};

} // namespace cardiolens::widgets
