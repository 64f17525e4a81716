#include "ecg/EcgToolBar.h"

#include "ecg/EcgPaperScale.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>

#include <cmath>

namespace cardiolens::widgets {

namespace {
struct LayoutChoice {
    EcgLayoutKind kind;
    int rhythm;
};
const LayoutChoice kLayouts[] = {{EcgLayoutKind::Stack, 0},
                                 {EcgLayoutKind::TwelveByOne, 0},
                                 {EcgLayoutKind::SixByTwo, 0},
                                 {EcgLayoutKind::ThreeByFour, 1},
                                 {EcgLayoutKind::ThreeByFour, 3}};
} // namespace

double parseTimeOfRecord(const QString& text) {
    const QStringList parts = text.trimmed().split(QLatin1Char(':'));
    if (parts.isEmpty() || parts.size() > 3)
        return std::nan("");
    double seconds = 0.0;
    for (const QString& part : parts) {
        bool ok = false;
        const double v = part.toDouble(&ok);
        if (!ok || v < 0)
            return std::nan("");
        seconds = seconds * 60.0 + v;
    }
    return seconds;
}

EcgToolBar::EcgToolBar(QWidget* parent) : QToolBar(tr("ECG"), parent) {
    setObjectName(QStringLiteral("ecgToolBar"));
    m_layout = new QComboBox(this);
    m_layout->addItems({tr("Stacked leads"), tr("12 × 1"), tr("6 × 2"), tr("3 × 4 + rhythm"),
                        tr("3 × 4 + 3 rhythm")});
    connect(m_layout, &QComboBox::activated, this,
            [this](int i) { Q_EMIT layoutChosen(kLayouts[i].kind, kLayouts[i].rhythm); });
    addWidget(m_layout);

    m_speed = new QComboBox(this);
    for (double s : EcgPaperScale::kSpeeds)
        m_speed->addItem(tr("%1 mm/s").arg(QLocale().toString(s)), s);
    connect(m_speed, &QComboBox::activated, this,
            [this](int i) { Q_EMIT speedChosen(m_speed->itemData(i).toDouble()); });
    addWidget(m_speed);

    m_gain = new QComboBox(this);
    for (double g : EcgPaperScale::kGains)
        m_gain->addItem(tr("%1 mm/mV").arg(QLocale().toString(g)), g);
    connect(m_gain, &QComboBox::activated, this,
            [this](int i) { Q_EMIT gainChosen(m_gain->itemData(i).toDouble()); });
    addWidget(m_gain);

    m_filter = new QComboBox(this);
    m_filter->addItems({tr("No filter"), tr("Diagnostic 0.05–150 Hz"), tr("Monitor 0.5–40 Hz")});
    m_notch = new QComboBox(this);
    m_notch->addItems({tr("No notch"), tr("50 Hz notch"), tr("60 Hz notch")});
    connect(m_filter, &QComboBox::activated, this, &EcgToolBar::emitFilter);
    connect(m_notch, &QComboBox::activated, this, &EcgToolBar::emitFilter);
    addWidget(m_filter);
    addWidget(m_notch);
    addSeparator();

    m_calipers = addAction(tr("Calipers"));
    m_calipers->setCheckable(true);
    m_calipers->setShortcut(QKeySequence(Qt::Key_C));
    m_calipers->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_calipers, &QAction::toggled, this, &EcgToolBar::caliperToggled);

    addWidget(new QLabel(tr(" Annotations "), this));
    m_annotator = new QComboBox(this);
    connect(m_annotator, &QComboBox::activated, this,
            [this](int i) { Q_EMIT annotatorChosen(m_annotator->itemText(i)); });
    addWidget(m_annotator);

    m_jump = new QComboBox(this);
    m_jump->setEditable(true);
    m_jump->addItems({QStringLiteral("V"), QStringLiteral("S"), QStringLiteral("F"),
                      QStringLiteral("N"), QStringLiteral("(AFIB"), QStringLiteral("(T"),
                      QStringLiteral("noise"), QStringLiteral("?")});
    m_jump->setToolTip(tr("Beat code or rhythm label to jump to; ? = beats a model was unsure of"));
    addWidget(m_jump);
    addAction(tr("◀"), this, [this] {
        Q_EMIT jumpRequested(jumpTarget(), false);
    })->setToolTip(tr("Previous"));
    addAction(tr("▶"), this, [this] {
        Q_EMIT jumpRequested(jumpTarget(), true);
    })->setToolTip(tr("Next"));
    addSeparator();

    m_goTo = new QLineEdit(this);
    m_goTo->setPlaceholderText(tr("Go to hh:mm:ss"));
    m_goTo->setMaximumWidth(120);
    connect(m_goTo, &QLineEdit::returnPressed, this, [this] {
        const double t = parseTimeOfRecord(m_goTo->text());
        if (!std::isnan(t))
            Q_EMIT goToTimeRequested(t);
    });
    addWidget(m_goTo);
    addAction(tr("Export…"), this, &EcgToolBar::exportRequested);
}

QString EcgToolBar::jumpTarget() const {
    return m_jump->currentText().trimmed();
}

void EcgToolBar::emitFilter() {
    const auto preset = FilterPreset(m_filter->currentIndex());
    const double notch = m_notch->currentIndex() == 1   ? 50.0
                         : m_notch->currentIndex() == 2 ? 60.0
                                                        : 0.0;
    Q_EMIT filterChosen(preset, notch);
}

void EcgToolBar::setLayoutChoice(EcgLayoutKind kind, int rhythmStrips) {
    for (int i = 0; i < int(std::size(kLayouts)); ++i)
        if (kLayouts[i].kind == kind &&
            (kind != EcgLayoutKind::ThreeByFour || kLayouts[i].rhythm == rhythmStrips))
            m_layout->setCurrentIndex(i);
}

void EcgToolBar::setTwelveLeadLayoutsEnabled(bool enabled) {
    // Grid layouts need the twelve standard leads; other records only stack.
    m_layout->setEnabled(enabled);
}

void EcgToolBar::setSpeed(double mmPerSecond) {
    const int i = m_speed->findData(mmPerSecond);
    m_speed->setCurrentIndex(i); // -1 (blank) when zoomed away from the paper speeds
}

void EcgToolBar::setGain(double mmPerMv) {
    const int i = m_gain->findData(mmPerMv);
    if (i >= 0)
        m_gain->setCurrentIndex(i);
}

void EcgToolBar::setAnnotators(const QStringList& annotators, const QString& current) {
    m_annotator->clear();
    m_annotator->addItems(annotators);
    m_annotator->setCurrentText(current);
    m_annotator->setEnabled(!annotators.isEmpty());
}

void EcgToolBar::setCaliperChecked(bool on) {
    const QSignalBlocker block(m_calipers);
    m_calipers->setChecked(on);
}

} // namespace cardiolens::widgets
