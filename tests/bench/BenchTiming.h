#pragma once
// Timing helpers shared by the GUI benchmarks (the headless ones use app/cli/bench/Bench.h).

#include <QFile>

#include <algorithm>
#include <chrono>
#include <vector>

#include <unistd.h>

namespace cardiolens::bench {

inline double nowMs() {
    return std::chrono::duration<double, std::milli>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

/// The p-th percentile (0..100) of \a v, nearest rank.
inline double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v.empty()
               ? 0.0
               : v[std::min(v.size() - 1, std::size_t(p / 100.0 * double(v.size() - 1) + 0.5))];
}

/// Resident set size of this process in MB.
inline double residentMb() {
    QFile f(QStringLiteral("/proc/self/statm"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    return f.readAll().split(' ').value(1).toDouble() * double(sysconf(_SC_PAGESIZE)) / 1048576.0;
}

} // namespace cardiolens::bench
