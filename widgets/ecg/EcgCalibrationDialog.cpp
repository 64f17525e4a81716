#include "ecg/EcgCalibrationDialog.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QPainter>
#include <QVBoxLayout>

namespace cardiolens::widgets {

namespace {
// The bar itself: exactly kBarMm at the given scale, with 10 mm ticks.
class CalibrationBar : public QWidget {
public:
    explicit CalibrationBar(double pxPerMm, QWidget* parent) : QWidget(parent), m_pxPerMm(pxPerMm) {
        setMinimumSize(int(EcgCalibrationDialog::kBarMm * pxPerMm) + 40, 60);
    }

protected:
    void paintEvent(QPaintEvent*) override {
        QPainter p(this);
        p.fillRect(rect(), Qt::white);
        const double len = EcgCalibrationDialog::kBarMm * m_pxPerMm;
        const double x0 = 20, y = height() / 2.0;
        p.setPen(QPen(Qt::black, 2));
        p.drawLine(QPointF(x0, y), QPointF(x0 + len, y));
        for (int mm = 0; mm <= int(EcgCalibrationDialog::kBarMm); mm += 10) {
            const double x = x0 + mm * m_pxPerMm;
            const double h = mm % 50 == 0 ? 14 : 7;
            p.drawLine(QPointF(x, y - h), QPointF(x, y + h));
        }
    }

private:
    double m_pxPerMm;
};
} // namespace

EcgCalibrationDialog::EcgCalibrationDialog(double pxPerMm, double factor, QWidget* parent)
    : QDialog(parent), m_pxPerMm(pxPerMm), m_factor(factor) {
    setWindowTitle(tr("Calibrate ECG paper"));
    auto* text =
        new QLabel(tr("Measure the bar below with a ruler (end ticks, outer edges) and type "
                      "its length. It should be %1 mm.")
                       .arg(kBarMm),
                   this);
    text->setWordWrap(true);
    m_measured = new QDoubleSpinBox(this);
    m_measured->setRange(20.0, 500.0);
    m_measured->setDecimals(1);
    m_measured->setSuffix(tr(" mm"));
    m_measured->setValue(kBarMm);
    auto* form = new QFormLayout;
    form->addRow(tr("Measured length:"), m_measured);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addWidget(new CalibrationBar(pxPerMm, this));
    layout->addLayout(form);
    layout->addWidget(buttons);
}

double EcgCalibrationDialog::calibration() const {
    return m_factor * kBarMm / m_measured->value();
}

} // namespace cardiolens::widgets
