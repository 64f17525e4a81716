#pragma once

#include "common/Result.h"

#include <QWidget>

class QLabel;

namespace cardiolens::widgets {

class ImageSliceView;

/// The imaging tab: an image view with a small panel describing what is shown.
/// Later issues grow it into the cine viewer (slices x phases, overlays, metrics).
class ImagingWorkspace : public QWidget {
    Q_OBJECT
public:
    explicit ImagingWorkspace(QWidget* parent = nullptr);

    /// Opens a DICOM image file; on failure shows nothing new and returns the error.
    Result<bool> openDicomImage(const QString& path);

    ImageSliceView* view() const { return m_view; }
    QString currentFile() const { return m_currentFile; }

Q_SIGNALS:
    void statusMessage(const QString& text);

private:
    void updateInfo();
    ImageSliceView* m_view = nullptr;
    QLabel* m_info = nullptr;
    QLabel* m_windowLevel = nullptr;
    QString m_currentFile;
};

} // namespace cardiolens::widgets
