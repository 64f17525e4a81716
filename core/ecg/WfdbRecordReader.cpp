#include "ecg/WfdbRecordReader.h"

#include "ecg/RecordLabels.h"
#include "ecg/WfdbFormats.h"
#include "ecg/WfdbMultiSegment.h"
#include "ecg/WfdbSignalSource.h"

#include <QDir>
#include <QFileInfo>

namespace cardiolens::ecg {

QString WfdbRecordReader::headerPathFor(const QString& path) {
    const QFileInfo fi(path);
    if (fi.suffix().compare(QLatin1String("hea"), Qt::CaseInsensitive) == 0)
        return fi.filePath();
    const QString base = fi.isFile() ? fi.completeBaseName() : fi.fileName();
    const QString candidate = fi.dir().filePath(base + QStringLiteral(".hea"));
    return QFileInfo::exists(candidate) ? candidate : QString();
}

QStringList WfdbRecordReader::verifyChecksums(const EcgRecord& record) {
    QStringList problems;
    constexpr std::int64_t kChunk = 1 << 16;
    std::vector<std::int32_t> buffer(kChunk);
    for (int i = 0; i < record.leadCount(); ++i) {
        const Lead& lead = record.leads[std::size_t(i)];
        if (!lead.checksum)
            continue;
        std::uint32_t sum = 0;
        const std::int64_t total = record.sampleCount(i);
        for (std::int64_t at = 0; at < total; at += kChunk) {
            const std::int64_t n =
                record.readRaw(i, at, std::min(kChunk, total - at), buffer.data());
            for (std::int64_t k = 0; k < n; ++k)
                sum += std::uint32_t(buffer[std::size_t(k)]);
        }
        const std::uint32_t expected = std::uint32_t(*lead.checksum) & 0xFFFF;
        if ((sum & 0xFFFF) != expected)
            problems << QStringLiteral("%1: signal %2 (%3): checksum %4 in header, %5 in data")
                            .arg(record.sourcePath)
                            .arg(i)
                            .arg(lead.name)
                            .arg(*lead.checksum)
                            .arg(std::int16_t(sum & 0xFFFF));
    }
    return problems;
}

Result<EcgRecord> WfdbRecordReader::open(const QString& path) {
    const QString headerPath = headerPathFor(path);
    if (headerPath.isEmpty())
        return fileError(path, QStringLiteral("no WFDB header (.hea) found for this record"));
    auto header = WfdbHeaderParser::parseFile(headerPath);
    if (!header)
        return header.error();
    return open(header.value(), headerPath);
}

EcgRecord WfdbRecordReader::recordFromHeader(const WfdbHeader& h, const QString& headerPath) {
    EcgRecord rec;
    rec.name = h.recordName;
    rec.sourcePath = headerPath;
    rec.formatName = QStringLiteral("WFDB");
    rec.frameRate = h.samplingFrequency;
    rec.comments = h.comments;
    rec.warnings = h.warnings;
    if (h.baseDate && h.baseTime)
        rec.start = QDateTime(*h.baseDate, *h.baseTime);
    else if (h.baseTime)
        rec.start = QDateTime(QDate(), *h.baseTime); // Time of day only: date unknown.
    return rec;
}

Result<EcgRecord> WfdbRecordReader::open(const WfdbHeader& h, const QString& headerPath) {
    const QString directory = QFileInfo(headerPath).absolutePath();
    if (h.segmentCount > 0)
        return WfdbMultiSegment::open(h, headerPath);
    EcgRecord rec = recordFromHeader(h, headerPath);
    auto source = WfdbSignalSource::open(h, directory, rec.warnings);
    if (!source)
        return source.error();
    rec.frameCount = source.value()->frameCount();
    for (std::size_t i = 0; i < h.signalSpecs.size(); ++i) {
        const WfdbSignalSpec& s = h.signalSpecs[i];
        Lead lead;
        lead.name = s.description.isEmpty() ? QStringLiteral("sig%1").arg(i) : s.description;
        lead.units = s.units;
        lead.gain = s.adcGain > 0 ? s.adcGain : 200.0;
        lead.baseline = s.baseline;
        lead.adcResolution = s.adcResolution;
        lead.adcZero = s.adcZero;
        lead.samplesPerFrame = s.samplesPerFrame;
        lead.format = QStringLiteral("wfdb-%1").arg(s.format);
        lead.invalidRaw = wfdb::invalidValue(s.format);
        lead.checksum = s.checksum;
        rec.leads.push_back(lead);
    }
    rec.source = source.value();
    // A disagreeing initial value means a damaged header or file: warn, the data wins.
    for (int i = 0; i < rec.leadCount(); ++i) {
        const auto& s = h.signalSpecs[std::size_t(i)];
        if (!s.initialValue || rec.sampleCount(i) == 0 || s.format == 8)
            continue;
        std::int32_t first = 0;
        if (rec.readRaw(i, 0, 1, &first) == 1 && first != *s.initialValue)
            rec.warnings << QStringLiteral("signal %1 (%2): header initial value %3 but first "
                                           "sample is %4")
                                .arg(i)
                                .arg(rec.leads[std::size_t(i)].name)
                                .arg(*s.initialValue)
                                .arg(first);
    }
    rec.labels = RecordLabels::forWfdbRecord(h.recordName, h.comments, headerPath, rec.warnings);
    return rec;
}

} // namespace cardiolens::ecg
