#pragma once

#include <QString>

#include <atomic>
#include <functional>

namespace cardiolens::inference {

/// Shared between a running job and whoever started it: the job reports progress and checks
/// for cancellation between batches (batches are sized to take well under 200 ms).
class JobControl {
public:
    using ProgressFn = std::function<void(double fraction, const QString& stage)>;

    void cancel() { m_cancelled.store(true, std::memory_order_relaxed); }
    bool isCancelled() const { return m_cancelled.load(std::memory_order_relaxed); }
    void setProgressCallback(ProgressFn fn) { m_progress = std::move(fn); }
    void report(double fraction, const QString& stage) const {
        if (m_progress)
            m_progress(fraction, stage);
    }

private:
    std::atomic<bool> m_cancelled{false};
    ProgressFn m_progress;
};

/// The message of the Error a cancelled job returns.
inline QString cancelledMessage() {
    return QStringLiteral("cancelled");
}

} // namespace cardiolens::inference
