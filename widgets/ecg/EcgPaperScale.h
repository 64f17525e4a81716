#pragma once

class QScreen;

namespace cardiolens::widgets {

/// Maps ECG paper units to pixels: time runs at mmPerSecond, voltage at mmPerMv, and a
/// millimetre is pxPerMm device-independent pixels (from the screen's physical DPI times
/// the user's calibration factor), so 1 mm on screen is 1 mm on a ruler.
struct EcgPaperScale {
    double pxPerMm = 96.0 / 25.4;
    double mmPerSecond = 25.0;
    double mmPerMv = 10.0;

    double pxPerSecond() const { return pxPerMm * mmPerSecond; }
    double pxPerMv() const { return pxPerMm * mmPerMv; }

    /// Pixels per millimetre on \a screen: physical DPI / 25.4, times \a calibration
    /// (measured length correction: drawn 100 mm / measured mm).
    static double screenPxPerMm(const QScreen* screen, double calibration = 1.0);

    /// Standard paper speeds (mm/s) and gains (mm/mV) offered in the UI.
    static constexpr double kSpeeds[] = {12.5, 25.0, 50.0, 100.0};
    static constexpr double kGains[] = {2.5, 5.0, 10.0, 20.0, 40.0};
};

} // namespace cardiolens::widgets
