#pragma once

#include <QJsonObject>
#include <QStringList>

#include <functional>

namespace cardiolens::cli {

/// A named benchmark run by `cardiolens-cli bench NAME [--json] [ARGS...]`. It returns its
/// figures as JSON (medians, percentiles, rates, with units in the key names, e.g.
/// "open_ms", "decode_msamples_per_s"); an "error" key marks a benchmark that could not run.
struct Bench {
    QString name;
    QString summary;
    std::function<QJsonObject(const QStringList& args)> run;
};

/// Self-registration, as for CLI commands: `static const bool r = registerBench({...});`.
bool registerBench(Bench bench);

/// Nanosecond wall clock for timing loops.
double nowMs();
/// The p-th percentile (0..100) of \a values (sorted in place).
double percentile(std::vector<double>& values, double p);
/// Resident set size of this process in MB (from /proc/self/statm).
double residentMb();

} // namespace cardiolens::cli
