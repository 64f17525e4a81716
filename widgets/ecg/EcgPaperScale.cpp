#include "ecg/EcgPaperScale.h"

#include <QScreen>

namespace cardiolens::widgets {

double EcgPaperScale::screenPxPerMm(const QScreen* screen, double calibration) {
    // physicalDotsPerInch() is in device-independent pixels, which is what QPainter uses.
    double dpi = screen ? screen->physicalDotsPerInch() : 96.0;
    if (!(dpi > 20.0 && dpi < 2000.0)) // absurd EDID data: fall back to the logical DPI
        dpi = screen ? screen->logicalDotsPerInch() : 96.0;
    const double factor = calibration > 0.2 && calibration < 5.0 ? calibration : 1.0;
    return dpi / 25.4 * factor;
}

} // namespace cardiolens::widgets
