#pragma once

#include "common/Result.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace cardiolens::widgets {

/// The ECG tab. For now it lists a record's leads from its header; the calibrated
/// strip viewer replaces the table when the ECG data core and viewer land.
class EcgWorkspace : public QWidget {
    Q_OBJECT
public:
    explicit EcgWorkspace(QWidget* parent = nullptr);

    /// Opens a WFDB record through its header (.hea, or the record's .dat/.atr siblings).
    Result<bool> openWfdbRecord(const QString& path);
    QString currentFile() const { return m_currentFile; }
    int leadCount() const;

Q_SIGNALS:
    void statusMessage(const QString& text);

private:
    QLabel* m_summary = nullptr;
    QTableWidget* m_leads = nullptr;
    QString m_currentFile;
};

} // namespace cardiolens::widgets
