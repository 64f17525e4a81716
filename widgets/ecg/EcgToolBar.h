#pragma once

#include "ecg/EcgLeadLayout.h"

#include <QToolBar>

class QComboBox;
class QLineEdit;
class QAction;

namespace cardiolens::widgets {

/// The ECG workspace's controls. It only reports choices; EcgWorkspace applies them.
class EcgToolBar : public QToolBar {
    Q_OBJECT
public:
    enum class FilterPreset { None, Diagnostic, Monitor };

    explicit EcgToolBar(QWidget* parent = nullptr);

    void setLayoutChoice(EcgLayoutKind kind, int rhythmStrips);
    void setTwelveLeadLayoutsEnabled(bool enabled);
    void setSpeed(double mmPerSecond);
    void setGain(double mmPerMv);
    void setAnnotators(const QStringList& annotators, const QString& current);
    void setCaliperChecked(bool on);
    QString jumpTarget() const;

Q_SIGNALS:
    void layoutChosen(cardiolens::widgets::EcgLayoutKind kind, int rhythmStrips);
    void speedChosen(double mmPerSecond);
    void gainChosen(double mmPerMv);
    void filterChosen(cardiolens::widgets::EcgToolBar::FilterPreset preset, double notchHz);
    void annotatorChosen(const QString& annotator);
    void caliperToggled(bool on);
    void jumpRequested(const QString& target, bool forward);
    void goToTimeRequested(double seconds);
    void exportRequested();

private:
    void emitFilter();
    QComboBox* m_layout = nullptr;
    QComboBox* m_speed = nullptr;
    QComboBox* m_gain = nullptr;
    QComboBox* m_filter = nullptr;
    QComboBox* m_notch = nullptr;
    QComboBox* m_annotator = nullptr;
    QComboBox* m_jump = nullptr;
    QLineEdit* m_goTo = nullptr;
    QAction* m_calipers = nullptr;
};

/// Parses "hh:mm:ss", "mm:ss" or seconds ("754.2"); NaN when unreadable.
double parseTimeOfRecord(const QString& text);

} // namespace cardiolens::widgets
