#pragma once

#include "imaging/FrameDisplay.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QSlider;
class QTableWidget;

namespace cardiolens::widgets {

/// Overlay controls: show/hide, fill or outline, fill opacity, and one row per internal
/// label with a visibility check box and its colour (double-click to change it).
class LabelTableWidget : public QWidget {
    Q_OBJECT
public:
    explicit LabelTableWidget(QWidget* parent = nullptr);

    const imaging::LabelOverlayStyle& style() const { return m_style; }
    bool overlayVisible() const;
    void setOverlayVisible(bool visible);
    void setLabelVisible(int label, bool visible);
    void setMode(imaging::LabelOverlayStyle::Mode mode);

Q_SIGNALS:
    void styleChanged();

private:
    void rebuildRows();
    imaging::LabelOverlayStyle m_style = imaging::LabelOverlayStyle::fromLabelTable();
    QCheckBox* m_show = nullptr;
    QComboBox* m_mode = nullptr;
    QSlider* m_opacity = nullptr;
    QTableWidget* m_table = nullptr;
};

} // namespace cardiolens::widgets
