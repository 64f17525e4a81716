#pragma once

#include "common/Result.h"
#include "imaging/CaseAnnotations.h"

#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QStackedWidget;

namespace cardiolens::imaging {
class CineVolume;
struct DatasetCase;
} // namespace cardiolens::imaging

namespace cardiolens::widgets {

class CineView;
class CineMetricsPanel;
class EditPersistence;
class EditSession;
class LabelTableWidget;
class LightboxView;
class LabelSurfaceView;

/// The imaging tab, a cine viewer: the cine view (or a lightbox grid, or reference and
/// prediction side by side), playback and window controls, the label overlay table and
/// the volume curve with clinical metrics.
class ImagingWorkspace : public QWidget {
    Q_OBJECT
public:
    enum class Layout { Single, SideBySide, LightboxSlices, LightboxPhases, Surfaces };
    enum class LabelSource { Reference, Prediction };

    /// Picks one of several DICOM series in a folder: gets one line per series and the
    /// suggested index (most files); returns the chosen index, or -1 to cancel.
    using SeriesChooser = std::function<int(const QStringList& series, int suggested)>;

    explicit ImagingWorkspace(QWidget* parent = nullptr);
    ~ImagingWorkspace() override;

    /// Without a chooser a folder of several series opens its largest one.
    void setSeriesChooser(SeriesChooser chooser) { m_seriesChooser = std::move(chooser); }

    /// Opens a cine volume or clip (NIfTI, MetaImage, NRRD, DICOM folder, AVI/MP4), or a
    /// dataset case (ACDC, M&Ms, Sunnybrook ...) with its labels or contours.
    Result<bool> openVolume(const QString& path);
    /// Labels of the same grid to compare with the reference (a model's prediction),
    /// from a label file in the internal convention.
    Result<bool> loadPrediction(const QString& path);
    void setPrediction(imaging::LabelCine labels);
    void setLabelSource(LabelSource source);
    void setViewLayout(Layout layout);
    /// Edit mode on the main view: the working labels start from the labels shown.
    void setEditMode(bool on);
    EditSession* editSession() const { return m_edit; }
    /// Saving (Ctrl+S), unsaved-edit questions, recovery and the revision history.
    EditPersistence* persistence() const { return m_persist; }
    /// Asks about unsaved edits (Save / Discard / Cancel); false when the user cancels.
    bool confirmClose();
    /// Shows frame (slice, phase) of the open volume in every view.
    void showFrame(int slice, int phase);

    const imaging::CineVolume* volume() const { return m_volume.get(); }
    const imaging::CaseAnnotations* annotations() const { return m_annotations.get(); }
    CineView* view() const { return m_view; }
    CineView* predictionView() const { return m_predictionView; }
    LightboxView* lightbox() const { return m_lightbox; }
    LabelSurfaceView* surfaceView() const { return m_surfaces; }
    CineMetricsPanel* metricsPanel() const { return m_metrics; }
    LabelTableWidget* labelTable() const { return m_labelTable; }
    QString currentFile() const { return m_currentFile; }

Q_SIGNALS:
    void statusMessage(const QString& text);
    /// The working labels have unsaved edits (the title shows "*").
    void dirtyChanged(bool dirty);

private:
    QWidget* buildPanel();
    void connectPersistence();
    void registerCase(const imaging::DatasetCase* datasetCase);
    void attachLabels();
    void applyOverlayStyle();
    void onFrameChanged(int slice, int phase);
    void updateVolumeInfo();
    void updateSurfaces();
    const imaging::LabelCine* activeLabels() const;

    CineView* m_view = nullptr;
    CineView* m_predictionView = nullptr;
    LightboxView* m_lightbox = nullptr;
    LabelSurfaceView* m_surfaces = nullptr;
    QStackedWidget* m_stack = nullptr;
    CineMetricsPanel* m_metrics = nullptr;
    LabelTableWidget* m_labelTable = nullptr;
    QLabel* m_info = nullptr;
    QLabel* m_readout = nullptr;
    QSpinBox* m_slice = nullptr;
    QSpinBox* m_phase = nullptr;
    QPushButton* m_play = nullptr;
    QDoubleSpinBox* m_speed = nullptr;
    QComboBox* m_playMode = nullptr;
    QComboBox* m_preset = nullptr;
    QComboBox* m_layout = nullptr;
    QComboBox* m_source = nullptr;
    EditSession* m_edit = nullptr;
    EditPersistence* m_persist = nullptr;
    QPushButton* m_editButton = nullptr;
    QPushButton* m_fromPrediction = nullptr;
    QString m_currentFile;
    SeriesChooser m_seriesChooser;
    std::unique_ptr<imaging::CineVolume> m_volume;
    std::unique_ptr<imaging::CaseAnnotations> m_annotations;
    std::optional<imaging::LabelCine> m_prediction;
    LabelSource m_labelSource = LabelSource::Reference;
    Layout m_layoutMode = Layout::Single;
};

} // namespace cardiolens::widgets
