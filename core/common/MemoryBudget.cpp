#include "common/MemoryBudget.h"

#include <QSettings>

#include <algorithm>
#include <atomic>

#include <sys/resource.h>
#include <unistd.h>

namespace cardiolens::MemoryBudget {

namespace {
constexpr double kDefaultFraction = 0.25;
std::atomic<double> g_fraction{0.0};
std::atomic<std::uint64_t> g_limit{0};

std::uint64_t physicalBytes() {
    const long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
    return pages > 0 && page > 0 ? std::uint64_t(pages) * std::uint64_t(page)
                                 : std::uint64_t(4) << 30;
}

double fraction() {
    const double set = g_fraction.load();
    if (set > 0.0)
        return set;
    bool ok = false;
    const double env = qEnvironmentVariable("CARDIOLENS_MEMORY_FRACTION").toDouble(&ok);
    return ok && env >= 0.01 && env <= 0.9 ? env : kDefaultFraction;
}

QString gigabytes(std::uint64_t bytes) {
    return QStringLiteral("%1 GB").arg(double(bytes) / double(1 << 30), 0, 'f', 1);
}
} // namespace

std::uint64_t capBytes() {
    std::uint64_t cap = g_limit.load();
    if (cap == 0) {
        bool ok = false;
        const qulonglong mb = qEnvironmentVariable("CARDIOLENS_MEMORY_LIMIT_MB").toULongLong(&ok);
        cap = ok && mb > 0 ? std::uint64_t(mb) << 20
                           : std::uint64_t(double(physicalBytes()) * fraction());
    }
    // Under ulimit -v the program itself (libraries, torch) needs room too: half of it.
    rlimit as{};
    if (getrlimit(RLIMIT_AS, &as) == 0 && as.rlim_cur != RLIM_INFINITY)
        cap = std::min<std::uint64_t>(cap, std::uint64_t(as.rlim_cur) / 2);
    return cap;
}

void setFraction(double f) {
    g_fraction = f >= 0.01 && f <= 0.9 ? f : 0.0;
}

void setLimitBytes(std::uint64_t bytes) {
    g_limit = bytes;
}

void applySetting() {
    const QSettings settings(QStringLiteral("Cardiolens"), QStringLiteral("Cardiolens"));
    bool ok = false;
    const double f = settings.value(QStringLiteral("limits/memoryFraction")).toDouble(&ok);
    if (ok)
        setFraction(f);
}

QString describeCap() {
    return QStringLiteral("the memory cap of %1 (%2 of the %3 of physical memory; "
                          "CARDIOLENS_MEMORY_FRACTION or CARDIOLENS_MEMORY_LIMIT_MB change it)")
        .arg(gigabytes(capBytes()))
        .arg(fraction())
        .arg(gigabytes(physicalBytes()));
}

} // namespace cardiolens::MemoryBudget
