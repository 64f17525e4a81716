#pragma once

#include "common/Result.h"
#include "inference/EcgInference.h"
#include "inference/InferenceResult.h"
#include "inference/JobControl.h"
#include "inference/ModelManifest.h"
#include "inference/SegmentationInference.h"

#include <QFuture>
#include <QMutex>
#include <QThreadPool>

#include <memory>
#include <optional>

namespace cardiolens::inference {

/// What a job runs on: a case file (ECG record or image) and its options.
struct InferenceRequest {
    ModelManifest model;
    QString casePath;
    EcgInferenceOptions ecg;
    SegmentationOptions segmentation;
    /// Run a segmentation model on images of another modality than its manifest declares.
    bool anyModality = false;
};

/// One background job. cancel() is honoured between batches (well within 200 ms).
class InferenceJob {
public:
    JobControl& control() { return m_control; }
    void cancel() { m_control.cancel(); }
    /// Blocks until done; false on timeout.
    bool wait(int timeoutMs = -1);
    bool isFinished() const { return m_future.isFinished(); }
    QFuture<void> future() const { return m_future; }
    /// The outcome once finished (an Error with message "cancelled" after cancel()).
    Result<InferenceResult> result() const;

private:
    friend class InferenceRunner;
    JobControl m_control;
    QFuture<void> m_future;
    mutable QMutex m_mutex;
    std::optional<Result<InferenceResult>> m_result;
};

/// Runs inference jobs on its own thread pool: loading the case and the model, running the
/// task the manifest names, with progress and cancel. \a threads is the intra-op thread count
/// of each model (libtorch); jobs run one at a time unless setParallelJobs() says more.
class InferenceRunner {
public:
    explicit InferenceRunner(int threads = 2);
    ~InferenceRunner();

    void setThreadCount(int threads) { m_threads = threads; }
    int threadCount() const { return m_threads; }
    void setParallelJobs(int jobs);

    /// Starts \a request; \a progress (optional) is called from the worker thread.
    std::shared_ptr<InferenceJob> start(InferenceRequest request,
                                        JobControl::ProgressFn progress = {});

    /// The same work, synchronously on the calling thread (CLI, benchmarks, tests).
    static Result<InferenceResult> run(const InferenceRequest& request, const JobControl& control,
                                       int threads = 2);

private:
    QThreadPool m_pool;
    int m_threads;
};

} // namespace cardiolens::inference
