#include "inference/InferenceRunner.h"

#include "ecg/EcgReader.h"
#include "imaging/ImageLoader.h"
#include "inference/ModelSession.h"

#include <QDeadlineTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace cardiolens::inference {

bool InferenceJob::wait(int timeoutMs) {
    if (timeoutMs < 0) {
        m_future.waitForFinished();
        return true;
    }
    QDeadlineTimer deadline(timeoutMs);
    while (!m_future.isFinished()) {
        if (deadline.hasExpired())
            return false;
        QThread::msleep(2);
    }
    return true;
}

Result<InferenceResult> InferenceJob::result() const {
    QMutexLocker lock(&m_mutex);
    if (!m_result)
        return Error{QStringLiteral("the job has not finished"), {}};
    return *m_result;
}

InferenceRunner::InferenceRunner(int threads) : m_threads(threads) {
    m_pool.setMaxThreadCount(1);
}

InferenceRunner::~InferenceRunner() {
    m_pool.waitForDone();
}

void InferenceRunner::setParallelJobs(int jobs) {
    m_pool.setMaxThreadCount(std::max(1, jobs));
}

std::shared_ptr<InferenceJob> InferenceRunner::start(InferenceRequest request,
                                                     JobControl::ProgressFn progress) {
    auto job = std::make_shared<InferenceJob>();
    job->m_control.setProgressCallback(std::move(progress));
    const int threads = m_threads;
    // The job holds itself alive until the worker is done, whatever the caller drops.
    job->m_future = QtConcurrent::run(&m_pool, [job, request = std::move(request), threads]() {
        auto r = run(request, job->m_control, threads);
        QMutexLocker lock(&job->m_mutex);
        job->m_result.emplace(std::move(r));
    });
    return job;
}

Result<InferenceResult> InferenceRunner::run(const InferenceRequest& request,
                                             const JobControl& control, int threads) {
    const ModelManifest& m = request.model;
    control.report(0, QStringLiteral("loading model %1").arg(m.id()));
    auto session = ModelSession::open(m);
    if (!session)
        return session.error();
    (*session)->setThreadCount(threads);
    if (control.isCancelled())
        return Error{cancelledMessage(), {}};
    control.report(0, QStringLiteral("reading %1").arg(request.casePath));
    if (m.isEcg()) {
        auto record = ecg::EcgReader::open(request.casePath);
        if (!record)
            return record.error();
        return runEcgModel(**session, *record, control, request.ecg);
    }
    auto image = imaging::ImageLoader::load(request.casePath);
    if (!image)
        return image.error();
    // An MR model on an echo clip gives confident nonsense: refuse unless asked to.
    const QString modality = image->info().modality.toUpper();
    if (!request.anyModality && !m.input.modalities.isEmpty() && !modality.isEmpty() &&
        !m.input.modalities.contains(modality))
        return fileError(request.casePath,
                         QStringLiteral("model %1 is for %2 images; this is %3")
                             .arg(m.id(), m.input.modalities.join(QStringLiteral("/")), modality));
    auto result = runSegmentation(**session, *image, control, request.segmentation);
    if (result)
        result->casePath = request.casePath;
    return result;
}

} // namespace cardiolens::inference
