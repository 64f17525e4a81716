#pragma once

#include <QString>
#include <QStringList>

namespace cardiolens::widgets {

/// What the strip view needs from a record: lead names and, for any time span, one
/// min/max pair per pixel column in physical units (mV for ECG leads). Adapters over the
/// core record model (with its min/max pyramid and page filters) implement it; the view
/// never touches samples directly, which keeps painting O(pixels) at every zoom.
class EcgTraceSource {
public:
    virtual ~EcgTraceSource() = default;

    virtual QStringList leadNames() const = 0;
    virtual QString leadUnits(int lead) const = 0;
    virtual double durationSeconds() const = 0;
    /// Samples per second of \a lead.
    virtual double sampleRate(int lead) const = 0;

    /// Fills mins[i], maxs[i] for `columns` equal bins covering [t0, t1) of \a lead.
    /// Bins outside the record get NaN. Where samples are sparser than bins, the
    /// values are interpolated so the trace stays continuous.
    virtual void minMax(int lead, double t0, double t1, int columns, float* mins,
                        float* maxs) const = 0;
};

} // namespace cardiolens::widgets
