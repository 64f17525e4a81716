#pragma once

#include <QDialog>

class QDoubleSpinBox;

namespace cardiolens::widgets {

/// Screen calibration for true-millimetre ECG paper: draws a bar meant to be 100 mm long
/// at the current scale; the user measures it with a ruler and types the length. The
/// result is a correction factor on the screen's reported physical DPI.
class EcgCalibrationDialog : public QDialog {
    Q_OBJECT
public:
    /// \a pxPerMm: the scale the bar is drawn at now; \a factor: the calibration in force.
    EcgCalibrationDialog(double pxPerMm, double factor, QWidget* parent = nullptr);

    /// The new calibration factor: factor * 100 / measured length.
    double calibration() const;

    static constexpr double kBarMm = 100.0;

private:
    double m_pxPerMm;
    double m_factor;
    QDoubleSpinBox* m_measured = nullptr;
};

} // namespace cardiolens::widgets
