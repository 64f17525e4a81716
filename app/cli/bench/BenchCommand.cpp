#include "cli/CliCommand.h"
#include "cli/bench/Bench.h"
#include "common/JsonOutput.h"

#include <QFile>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <unistd.h>

namespace cardiolens::cli {

namespace {
std::vector<Bench>& benches() {
    static std::vector<Bench> list;
    return list;
}

int runBench(const CliCommand& self, const QStringList& args) {
    QStringList rest;
    for (const QString& a : args)
        if (a != QLatin1String("--json"))
            rest << a;
    if (rest.isEmpty() || rest.first() == QLatin1String("--list")) {
        QJsonObject list;
        for (const Bench& b : benches())
            list[b.name] = b.summary;
        writeJson(list);
        return rest.isEmpty() ? usageError(self, QStringLiteral("bench needs a NAME")) : kExitOk;
    }
    const QString name = rest.takeFirst();
    for (const Bench& b : benches()) {
        if (b.name != name)
            continue;
        QJsonObject result = b.run(rest);
        result[QStringLiteral("bench")] = name;
        writeJson(result);
        if (result.contains(QStringLiteral("error"))) {
            printError(QStringLiteral("bench %1: %2")
                           .arg(name, result.value(QStringLiteral("error")).toString()));
            return kExitBadData;
        }
        return kExitOk;
    }
    return usageError(self, QStringLiteral("unknown benchmark '%1' (try: bench --list)").arg(name));
}

CliCommand benchCommand() {
    CliCommand c;
    c.name = QStringLiteral("bench");
    c.summary = QStringLiteral("run a named benchmark and print its figures as JSON");
    c.usage = QStringLiteral("bench NAME [--json] [ARGS...] | bench --list");
    c.run = [c](const QStringList& args) {
        return runBench(c, args);
    };
    return c;
}
const bool registered = registerCliCommand(benchCommand());
} // namespace

bool registerBench(Bench bench) {
    benches().push_back(std::move(bench));
    std::sort(benches().begin(), benches().end(),
              [](const Bench& a, const Bench& b) { return a.name < b.name; });
    return true;
}

double nowMs() {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

double percentile(std::vector<double>& values, double p) {
    if (values.empty())
        return 0.0;
    std::sort(values.begin(), values.end());
    const double rank = p / 100.0 * double(values.size() - 1);
    const auto lo = std::size_t(std::floor(rank));
    const auto hi = std::min(values.size() - 1, lo + 1);
    return values[lo] + (values[hi] - values[lo]) * (rank - double(lo));
}

double residentMb() {
    QFile f(QStringLiteral("/proc/self/statm"));
    if (!f.open(QIODevice::ReadOnly))
        return 0.0;
    const QList<QByteArray> parts = f.readAll().split(' ');
    if (parts.size() < 2)
        return 0.0;
    return parts[1].toDouble() * double(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

} // namespace cardiolens::cli
