#pragma once
// Shared by the libFuzzer harnesses: readers that take a path get the input through a
// per-process scratch file, and whole-record reads are bounded so that a harness measures
// the parser, not the size a header may honestly declare.

#include "ecg/EcgRecord.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QString>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include <unistd.h>

namespace cardiolens::fuzz {

/// Writes \a size bytes to a scratch file named \a name in this process's folder.
inline QString writeInput(const std::uint8_t* data, std::size_t size, const QString& name) {
    static const QString dir = [] {
        const QString d =
            QDir::temp().filePath(QStringLiteral("cardiolens-fuzz-%1").arg(qint64(::getpid())));
        QDir().mkpath(d);
        return d;
    }();
    const QString path = QDir(dir).filePath(name);
    QFile f(path);
    if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        f.write(reinterpret_cast<const char*>(data), qint64(size));
    return path;
}

/// Reads up to a million samples of every lead from the record's recorded ranges.
inline void readSome(const ecg::EcgRecord& record) {
    if (!record.source)
        return;
    std::vector<std::int32_t> buffer(1 << 16);
    std::int64_t budget = 1000000;
    for (const ecg::FrameRange& r : record.source->recordedRanges())
        for (int lead = 0; lead < record.source->leadCount() && budget > 0; ++lead) {
            const std::int64_t spf = record.source->samplesPerFrame(lead);
            const std::int64_t n = std::min<std::int64_t>(r.count * spf, 1 << 16);
            budget -= record.source->readRaw(lead, r.first * spf, n, buffer.data());
        }
}

} // namespace cardiolens::fuzz
