#pragma once

#include "export/SegmentationExport.h"

#include <QDialog>
#include <QFutureWatcher>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace cardiolens::widgets {

/// File ▸ Export labels…: the labels of a store (a project's labels.sqlite, by default the
/// user's store) exported for retraining: nnU-Net, MONAI, WFDB, PTB-XL or CinC 2017, the
/// review states to include, the label numbering, 2-D frames or 3-D phases and the ignore
/// label. The export runs in the background (core/export: written aside, renamed at the end,
/// with a provenance manifest).
class ExportDialog : public QDialog {
    Q_OBJECT
public:
    explicit ExportDialog(QWidget* parent = nullptr);
    ~ExportDialog() override;

    void setSource(const QString& storeOrProject);
    void setOutDir(const QString& dir);
    /// The options as the form sets them.
    exports::ExportOptions options() const;
    void startExport();
    bool isBusy() const { return m_watcher.isRunning(); }
    QString statusText() const;
    /// The last successful export's folder (empty before).
    QString lastTarget() const { return m_lastTarget; }

Q_SIGNALS:
    void exportFinished(bool ok, const QString& message);

private:
    void updateForFormat();
    void finish();

    QLineEdit* m_source;
    QLineEdit* m_out;
    QComboBox* m_format;
    QComboBox* m_convention;
    QCheckBox* m_accepted;
    QCheckBox* m_submitted;
    QCheckBox* m_inProgress;
    QCheckBox* m_3d;
    QCheckBox* m_ignore;
    QLineEdit* m_annotator;
    QLabel* m_status;
    QPushButton* m_export;
    QFutureWatcher<Result<exports::ExportSummary>> m_watcher;
    QString m_lastTarget;
};

} // namespace cardiolens::widgets
