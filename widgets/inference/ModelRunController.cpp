#include "inference/ModelRunController.h"

#include "inference/ModelRegistry.h"
#include "inference/UncertaintyCache.h"

#include <QInputDialog>
#include <QPointer>
#include <QSettings>
#include <QThread>

#include <algorithm>

namespace cardiolens::widgets {

using namespace cardiolens::inference;

ModelRunController::ModelRunController(QObject* parent)
    : QObject(parent), m_runner(2), m_cachePath(UncertaintyCache::defaultPath()) {
    connect(&m_watcher, &QFutureWatcher<void>::finished, this, &ModelRunController::onFinished);
}

ModelRunController::~ModelRunController() {
    if (m_job) {
        m_job->cancel();
        m_job->wait();
    }
}

QString ModelRunController::chooseModel(QWidget* parent, bool ecg, QString* problem) {
    const ModelRegistry registry = ModelRegistry::scan();
    QStringList ids, items; // "name@version  (task)" so the choice says what each model does
    for (const RegisteredModel& r : registry.models())
        if (r.manifest.isEcg() == ecg) {
            ids << r.manifest.id();
            items << QStringLiteral("%1  (%2)").arg(r.manifest.id(), taskName(r.manifest.task));
        }
    if (ids.isEmpty()) {
        if (problem)
            *problem = tr("No %1 model is installed.").arg(ecg ? tr("ECG") : tr("imaging"));
        return {};
    }
    bool ok = false;
    const QString chosen =
        QInputDialog::getItem(parent, tr("Run model"), tr("Model:"), items, 0, false, &ok);
    return ok ? ids.value(int(items.indexOf(chosen))) : QString();
}

int ModelRunController::threadCount() {
    const int n = QSettings().value(QStringLiteral("inference/threads"), 2).toInt();
    return std::clamp(n, 1, std::max(1, QThread::idealThreadCount()));
}

void ModelRunController::setThreadCount(int threads) {
    QSettings().setValue(QStringLiteral("inference/threads"), std::max(1, threads));
}

bool ModelRunController::start(const QString& nameOrPath, const QString& casePath) {
    if (isRunning()) {
        Q_EMIT failed(tr("A model is already running."));
        return false;
    }
    auto manifest = ModelRegistry::scan().find(nameOrPath);
    if (!manifest) {
        Q_EMIT failed(manifest.error().describe());
        return false;
    }
    m_manifest = *manifest;
    m_casePath = casePath;
    m_runner.setThreadCount(threadCount());
    // Several passes (MC-dropout, flip TTA) take N times as long: show one pass's
    // prediction first, then refine it and measure the uncertainty.
    m_refinePending = m_quickFirstPass && manifest->uncertainty != UncertaintyMethod::Entropy &&
                      !(manifest->uncertainty == UncertaintyMethod::McDropout &&
                        manifest->uncertaintyPasses <= 1);
    ModelManifest first = *manifest;
    if (m_refinePending) {
        first.uncertainty = UncertaintyMethod::Entropy;
        first.uncertaintyPasses = 1;
    }
    launch(first, QString());
    Q_EMIT started(modelId());
    return true;
}

void ModelRunController::launch(const ModelManifest& manifest, const QString& stagePrefix) {
    QPointer<ModelRunController> self(this);
    InferenceRequest request{manifest, m_casePath, {}, {}};
    request.segmentation.referencePath = m_reference;
    m_job = m_runner.start(request, [self, stagePrefix](double f, const QString& what) {
        // Called on the worker thread: hand the text to the GUI thread.
        const QString stage = stagePrefix.isEmpty() ? what : stagePrefix + what;
        QMetaObject::invokeMethod(
            self.data(),
            [self, f, stage] {
                if (self)
                    Q_EMIT self->progressed(f, stage);
            },
            Qt::QueuedConnection);
    });
    m_watcher.setFuture(m_job->future());
}

void ModelRunController::cancel() {
    if (m_job)
        m_job->cancel();
}

bool ModelRunController::isRunning() const {
    return m_job != nullptr; // Until its result has been delivered, not just computed.
}

void ModelRunController::onFinished() {
    if (!m_job)
        return;
    auto result = m_job->result();
    m_job.reset();
    if (!result) {
        Q_EMIT failed(result.error().message == cancelledMessage()
                          ? tr("%1: cancelled").arg(modelId())
                          : result.error().describe());
        return;
    }
    if (m_refinePending) {
        // Start the full run before handing out the first result, so the job never looks
        // finished in between.
        m_refinePending = false;
        launch(m_manifest,
               tr("uncertainty (%1): ").arg(uncertaintyMethodName(m_manifest.uncertainty)));
        result->details[QStringLiteral("stage")] =
            tr("first pass; %1 refinement running")
                .arg(uncertaintyMethodName(m_manifest.uncertainty));
        Q_EMIT finished(*result);
        return;
    }
    // Scores feed the active-learning worklist; a cache that cannot be written only warns.
    UncertaintyCache cache(m_cachePath);
    auto stored = cache.store(result->casePath, result->modelId, result->uncertainty,
                              result->uncertaintyMethod);
    if (!stored)
        qWarning("%s", qPrintable(stored.error().describe()));
    Q_EMIT finished(*result);
}

} // namespace cardiolens::widgets
