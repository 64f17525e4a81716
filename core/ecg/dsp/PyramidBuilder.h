#pragma once

#include "ecg/dsp/MinMaxPyramid.h"

#include <atomic>
#include <memory>
#include <thread>

namespace cardiolens::ecg {

/// Builds a MinMaxPyramid on a background thread, reading the record block by block
/// through a FrameReader (memory stays at one block plus the pyramid). Progress and
/// cancellation are thread-safe; the GUI polls progress() or waits with result().
class PyramidBuilder {
public:
    PyramidBuilder(FrameReader reader, int leadCount, std::int64_t length, int baseBucket = 128);
    ~PyramidBuilder(); ///< Cancels and joins a running build.
    PyramidBuilder(const PyramidBuilder&) = delete;
    PyramidBuilder& operator=(const PyramidBuilder&) = delete;

    void start(); ///< Starts the build thread (once).
    void cancel() { m_cancel = true; }
    double progress() const { return m_progress.load(); } ///< 0..1
    bool isFinished() const { return m_finished.load(); }
    /// Waits for the build; null when cancelled or when the reader failed.
    std::shared_ptr<const MinMaxPyramid> result();

    /// Builds synchronously on the calling thread (what the thread runs).
    static std::shared_ptr<MinMaxPyramid> build(const FrameReader& reader, int leadCount,
                                                std::int64_t length, int baseBucket,
                                                const std::atomic<bool>* cancel = nullptr,
                                                std::atomic<double>* progress = nullptr);

private:
    FrameReader m_reader;
    int m_leadCount;
    std::int64_t m_length;
    int m_baseBucket;
    std::thread m_thread;
    std::atomic<bool> m_cancel{false};
    std::atomic<bool> m_finished{false};
    std::atomic<double> m_progress{0.0};
    std::shared_ptr<MinMaxPyramid> m_result;
};

} // namespace cardiolens::ecg
