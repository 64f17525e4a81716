#pragma once

#include "common/Result.h"

#include <QWidget>

#include <memory>

class QLabel;
class QSpinBox;

namespace cardiolens::imaging {
class CineVolume;
}

namespace cardiolens::widgets {

class ImageSliceView;

/// The imaging tab: an image view with a small panel describing what is shown.
/// Later issues grow it into the cine viewer (slices x phases, overlays, metrics).
class ImagingWorkspace : public QWidget {
    Q_OBJECT
public:
    explicit ImagingWorkspace(QWidget* parent = nullptr);
    ~ImagingWorkspace() override;

    /// Opens a cine volume or clip (NIfTI, MetaImage, NRRD, DICOM folder, AVI/MP4) and
    /// shows its middle slice; slice and phase are chosen in the side panel.
    Result<bool> openVolume(const QString& path);
    /// Shows frame (slice, phase) of the open volume.
    void showFrame(int slice, int phase);
    const imaging::CineVolume* volume() const { return m_volume.get(); }

    ImageSliceView* view() const { return m_view; }
    QString currentFile() const { return m_currentFile; }

Q_SIGNALS:
    void statusMessage(const QString& text);

private:
    void updateVolumeInfo();
    ImageSliceView* m_view = nullptr;
    QLabel* m_info = nullptr;
    QLabel* m_windowLevel = nullptr;
    QString m_currentFile;
    std::unique_ptr<imaging::CineVolume> m_volume;
    QSpinBox* m_slice = nullptr;
    QSpinBox* m_phase = nullptr;
};

} // namespace cardiolens::widgets
