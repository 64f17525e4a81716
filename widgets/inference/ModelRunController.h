#pragma once

#include "inference/InferenceRunner.h"

#include <QFutureWatcher>
#include <QObject>

#include <memory>

class QWidget;

namespace cardiolens::widgets {

/// Runs one model job at a time in the background for a workspace: progress as status text,
/// cancel, and the result delivered on the GUI thread. The window stays responsive: all
/// model work happens on the runner's thread pool.
class ModelRunController : public QObject {
    Q_OBJECT
public:
    explicit ModelRunController(QObject* parent = nullptr);
    ~ModelRunController() override;

    /// Lets the user pick a registered model whose task suits \a ecg (ECG tasks) or images;
    /// empty when cancelled or none is available (then \a problem says why).
    static QString chooseModel(QWidget* parent, bool ecg, QString* problem);

    /// libtorch threads per run: the "inference/threads" setting, 2 by default.
    static int threadCount();
    static void setThreadCount(int threads);

    /// Starts \a nameOrPath on \a casePath; false (and failed() emitted) when the model is unknown.
    bool start(const QString& nameOrPath, const QString& casePath);
    void cancel();
    bool isRunning() const;
    /// Models with a multi-pass uncertainty (MC-dropout, flip TTA) first deliver a single-pass
    /// result (details "stage"), then the full one; off: only the full one. On by default.
    void setQuickFirstPass(bool on) { m_quickFirstPass = on; }
    /// Segmentation runs score themselves against this reference ("auto": the case's own
    /// expert contours; a label file; empty: none). The Dice lands in the result's details.
    void setSegmentationReference(const QString& reference) { m_reference = reference; }
    /// The model of the current or last run ("name@version").
    QString modelId() const { return m_manifest.id(); }

    /// Each finished run stores its case's uncertainty here (active-learning ranking).
    /// Default: UncertaintyCache::defaultPath().
    void setUncertaintyCachePath(const QString& path) { m_cachePath = path; }
    QString uncertaintyCachePath() const { return m_cachePath; }

Q_SIGNALS:
    void started(const QString& modelId);
    /// \a fraction 0..1 and the stage ("classifying beats").
    void progressed(double fraction, const QString& stage);
    void finished(const cardiolens::inference::InferenceResult& result);
    void failed(const QString& message);

private:
    void onFinished();
    void launch(const inference::ModelManifest& manifest, const QString& stagePrefix);
    inference::InferenceRunner m_runner;
    std::shared_ptr<inference::InferenceJob> m_job;
    QFutureWatcher<void> m_watcher;
    inference::ModelManifest m_manifest;
    QString m_casePath;
    bool m_quickFirstPass = true;
    QString m_reference;
    bool m_refinePending = false;
    QString m_cachePath;
};

} // namespace cardiolens::widgets
