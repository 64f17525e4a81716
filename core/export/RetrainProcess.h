#pragma once

#include <QJsonObject>
#include <QObject>
#include <QProcess>
#include <QStringList>

namespace cardiolens::exports {

/// What a retrain run needs.
struct RetrainRequest {
    QString exportDir;    ///< An nnU-Net export (DatasetNNN_Name, or the folder holding it).
    QString baseModelDir; ///< Folder of the model to fine-tune (manifest.json + model.pt).
    QString modelsDir;    ///< The user models folder the new version is written into.
    int epochs = 5;
    int seed = 1234;
    int threads = 1;
};

/// Runs tools/train/retrain_segmentation.py in the background (QProcess, no widgets); when
/// Python, torch or numpy is missing, failed() names which. Reports progress from its
/// "PROGRESS f text" lines and the new model from its "RESULT {json}" line. The script
/// writes the new version whole or not at all, so cancel() is always safe.
class RetrainProcess : public QObject {
    Q_OBJECT
public:
    explicit RetrainProcess(QObject* parent = nullptr);
    ~RetrainProcess() override;

    /// $CARDIOLENS_PYTHON, else /usr/bin/python3, else python3 on PATH; empty if none.
    static QString pythonPath();
    /// $CARDIOLENS_TRAIN_DIR, else the source tree's tools/train, else the installed copy.
    static QString scriptPath();

    bool isRunning() const { return m_process != nullptr; }
    /// Starts the training. Errors (and missing modules) arrive through failed().
    void start(const RetrainRequest& request);
    /// Stops the run (terminate, then kill after 3 s); emits cancelled().
    void cancel();
    QStringList log() const { return m_log; }

Q_SIGNALS:
    void progress(double fraction, const QString& text);
    void finished(const QJsonObject& result);
    /// \a message says what went wrong or exactly what is missing (python3, torch, numpy).
    void failed(const QString& message);
    void cancelled();

private:
    void startTraining();
    void onOutput();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void launch(const QStringList& args);

    RetrainRequest m_request;
    QProcess* m_process = nullptr;
    QByteArray m_pending;
    QStringList m_log;
    QJsonObject m_result;
    bool m_cancelling = false;
};

} // namespace cardiolens::exports
