#pragma once

#include "common/Result.h"
#include "ecg/EcgOverlayBuilder.h"
#include "ecg/EcgToolBar.h"

#include <QMap>
#include <QWidget>

#include <memory>

class QTimer;
template <typename T> class QFutureWatcher;

namespace cardiolens::ecg {
class PyramidBuilder;
}
namespace cardiolens::inference {
struct InferenceResult;
}

namespace cardiolens::widgets {

class BeatTemplateReview;
class EcgNavigator;
class ModelRunController;
class EcgStripView;
class RecordTraceSource;

/// The ECG tab: toolbar, calibrated strip and overview navigator for one record. Opens
/// every format the ECG core reads, shows its annotators' beats and rhythms, builds the
/// record's min/max pyramid in the background and detects beats when no annotator has
/// any (for the heart rate).
class EcgWorkspace : public QWidget {
    Q_OBJECT
public:
    explicit EcgWorkspace(QWidget* parent = nullptr);
    ~EcgWorkspace() override;

    Result<bool> openRecord(const QString& path);
    QString currentFile() const { return m_currentFile; }
    int leadCount() const;

    EcgStripView* stripView() const { return m_view; }
    EcgNavigator* navigator() const { return m_navigator; }
    EcgToolBar* toolBar() const { return m_toolBar; }
    const RecordTraceSource* traceSource() const { return m_source.get(); }
    /// True once the background pyramid is in use.
    bool pyramidReady() const;
    /// True while background work for the open record (pyramid, beat detection) runs.
    bool isBusy() const;
    QStringList annotators() const { return m_overlays.keys(); }
    QString currentAnnotator() const { return m_annotator; }
    void showAnnotator(const QString& annotator);

    /// Clusters the shown annotator's beats (the detector's when it has none) and opens the
    /// template gallery beside the strip; labelling a cluster edits annotator "edited".
    void showBeatTemplates();
    BeatTemplateReview* beatReview() const { return m_review; }

    /// Shows the screen-calibration dialog and stores the result in the settings.
    void calibrateScreen();

    /// Runs an ECG model on the open record in the background (\a nameOrPath empty: ask
    /// the user). Beat and wave results appear as annotator "model:NAME"; record
    /// classification as a status message.
    void runModel(const QString& nameOrPath = {});
    void cancelModelRun();
    ModelRunController* modelRun() const { return m_modelRun; }

    /// Writes the current page as a true-scale A4 PDF or PNG (by extension).
    Result<bool> exportPage(const QString& path);

Q_SIGNALS:
    void statusMessage(const QString& text);

private:
    void onViewChanged(double start, double page);
    void onPyramidPoll();
    void onDetectionFinished();
    void applyFilter(EcgToolBar::FilterPreset preset, double notchHz);
    void jump(const QString& target, bool forward);
    void refreshNavigatorEnvelope();
    void refreshHeartRateTrend();
    void startBeatDetection();
    void askExport();
    /// Flags the beats \a r's model was unsure of (its "uncertain_beat_threshold").
    static void markUncertainBeats(EcgOverlays& overlays, const inference::InferenceResult& r);

    EcgToolBar* m_toolBar = nullptr;
    EcgStripView* m_view = nullptr;
    EcgNavigator* m_navigator = nullptr;
    std::shared_ptr<RecordTraceSource> m_source;
    std::unique_ptr<ecg::PyramidBuilder> m_pyramidBuilder;
    QTimer* m_pyramidTimer = nullptr;
    QFutureWatcher<std::vector<std::int64_t>>* m_detection = nullptr;
    ModelRunController* m_modelRun = nullptr;
    BeatTemplateReview* m_review = nullptr;
    QMap<QString, EcgOverlays> m_overlays;
    QString m_annotator;
    QString m_currentFile;
};

} // namespace cardiolens::widgets
