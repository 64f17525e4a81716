#pragma once

#include "common/Result.h"
#include "ecg/EcgStripRenderer.h"
#include "ecg/EcgViewState.h"

namespace cardiolens::widgets {

class EcgTraceSource;

/// Writes the strip as a true-scale A4 landscape page (25 mm/s and 10 mm/mV unless the
/// state says otherwise) with a header naming the record, date, layout, speed, gain,
/// filter and heart rate. Saves are atomic: a failed export leaves no partial file.
class EcgStripExporter {
public:
    struct Page {
        EcgViewState state; ///< Layout, start time, filter label, heart rate...
        QString title;      ///< Record name and date line.
        std::vector<EcgBeatMark> beats;
        std::vector<EcgEpisode> episodes;
        std::vector<EcgWave> waves;
    };

    static constexpr double kPageWidthMm = 297.0;
    static constexpr double kPageHeightMm = 210.0;
    static constexpr double kMarginMm = 10.0;

    static Result<bool> writePdf(const QString& path, const EcgTraceSource& source,
                                 const Page& page);
    /// PNG at \a dpi (default 300), with the resolution stored so it prints at true size.
    static Result<bool> writePng(const QString& path, const EcgTraceSource& source,
                                 const Page& page, int dpi = 300);

private:
    static void paintPage(QPainter& p, double pxPerMm, const EcgTraceSource& source,
                          const Page& page);
};

} // namespace cardiolens::widgets
