#include "formats/FileDescriber.h"

#include "common/SafeFile.h"

#include "ecg/EcgReader.h"
#include "ecg/WfdbHeader.h"
#include "formats/EcgDescriber.h"
#include "formats/FormatDetector.h"
#include "imaging/DatasetLayout.h"
#include "imaging/DicomInspector.h"
#include "imaging/ImageLoader.h"

#include <QFileInfo>
#include <QJsonArray>

namespace cardiolens::formats {

namespace {

QJsonObject describeWfdb(const ecg::WfdbHeader& h, const QString& headerPath) {
    QJsonObject out;
    out[QStringLiteral("path")] = headerPath;
    out[QStringLiteral("format")] = QStringLiteral("WFDB");
    out[QStringLiteral("record")] = h.recordName;
    out[QStringLiteral("samplingFrequencyHz")] = h.samplingFrequency;
    out[QStringLiteral("samplesPerSignal")] = double(h.samplesPerSignal);
    out[QStringLiteral("durationSeconds")] = h.durationSeconds();
    out[QStringLiteral("signalCount")] = h.signalCount;
    if (h.segmentCount > 0)
        out[QStringLiteral("segmentCount")] = h.segmentCount;
    if (h.baseDate)
        out[QStringLiteral("baseDate")] = h.baseDate->toString(Qt::ISODate);
    if (h.baseTime)
        out[QStringLiteral("baseTime")] = h.baseTime->toString(QStringLiteral("HH:mm:ss.zzz"));
    QJsonArray leads;
    for (const auto& s : h.signalSpecs) {
        QJsonObject lead;
        lead[QStringLiteral("name")] = s.description;
        lead[QStringLiteral("file")] = s.fileName;
        lead[QStringLiteral("format")] = s.format;
        lead[QStringLiteral("gain")] = s.adcGain;
        lead[QStringLiteral("baseline")] = s.baseline;
        lead[QStringLiteral("units")] = s.units;
        lead[QStringLiteral("samplesPerFrame")] = s.samplesPerFrame;
        if (s.byteOffset)
            lead[QStringLiteral("byteOffset")] = double(s.byteOffset);
        leads.append(lead);
    }
    out[QStringLiteral("leads")] = leads;
    if (!h.comments.isEmpty())
        out[QStringLiteral("comments")] = QJsonArray::fromStringList(h.comments);
    if (!h.warnings.isEmpty())
        out[QStringLiteral("warnings")] = QJsonArray::fromStringList(h.warnings);
    return out;
}

// Adds what the opened record knows (annotators, labels, per-lead rates, ...) to a
// description, keeping the keys already there.
void mergeEcg(QJsonObject& out, const QJsonObject& ecg) {
    for (auto it = ecg.begin(); it != ecg.end(); ++it) {
        if (it.key() == QLatin1String("leads") && out.contains(it.key())) {
            QJsonArray merged = out.value(it.key()).toArray();
            const QJsonArray more = it.value().toArray();
            for (qsizetype i = 0; i < merged.size() && i < more.size(); ++i) {
                QJsonObject lead = merged[i].toObject();
                const QJsonObject extra = more[i].toObject();
                for (auto e = extra.begin(); e != extra.end(); ++e)
                    if (!lead.contains(e.key()))
                        lead[e.key()] = e.value();
                merged[i] = lead;
            }
            out[it.key()] = merged;
        } else if (it.key() == QLatin1String("warnings") && out.contains(it.key())) {
            QStringList all;
            for (const auto& w : out.value(it.key()).toArray())
                all << w.toString();
            for (const auto& w : it.value().toArray())
                if (!all.contains(w.toString()))
                    all << w.toString();
            out[it.key()] = QJsonArray::fromStringList(all);
        } else if (!out.contains(it.key())) {
            out[it.key()] = it.value();
        }
    }
}

} // namespace

Result<QJsonObject> FileDescriber::describe(const QString& path) {
    const QFileInfo fi(path);
    if (!fi.exists() && FormatDetector::wfdbHeaderFor(path).isEmpty())
        return fileError(path, QStringLiteral("no such file"));
    if (fi.exists() && !fi.isDir()) // A FIFO would block the format sniffing's open().
        if (auto regular = SafeFile::requireRegular(path); !regular)
            return regular.error();
    const FileKind kind = FormatDetector::detect(path);
    switch (kind) {
    case FileKind::WfdbRecord: {
        const QString header = FormatDetector::wfdbHeaderFor(path);
        auto h = ecg::WfdbHeaderParser::parseFile(header);
        if (!h)
            return h.error();
        QJsonObject out = describeWfdb(h.value(), header);
        out[QStringLiteral("kind")] = fileKindName(kind);
        auto record = ecg::EcgReader::open(header);
        if (!record)
            return record.error();
        mergeEcg(out, EcgDescriber::describe(record.value()));
        return out;
    }
    case FileKind::DicomImage:
    case FileKind::DicomWaveform:
    case FileKind::DicomOther: {
        auto d = imaging::DicomInspector::describe(path);
        if (!d)
            return d.error();
        QJsonObject out = d.value();
        out[QStringLiteral("kind")] = fileKindName(kind);
        if (kind == FileKind::DicomWaveform) {
            auto record = ecg::EcgReader::open(path);
            if (!record)
                return record.error();
            mergeEcg(out, EcgDescriber::describe(record.value()));
        }
        if (kind == FileKind::DicomImage) // Geometry and timing as the volume reader sees them.
            if (auto v = imaging::ImageLoader::inspect(path); v)
                out[QStringLiteral("volume")] = v->toJson();
        imaging::DatasetLayout::addLayoutName(out, path);
        return out;
    }
    case FileKind::ImageVolume:
    case FileKind::DicomFolder:
    case FileKind::Video: {
        auto v = imaging::ImageLoader::inspect(path);
        if (!v)
            return v.error();
        QJsonObject out = v->toJson();
        out[QStringLiteral("path")] = path;
        out[QStringLiteral("kind")] = fileKindName(kind);
        imaging::DatasetLayout::addLayoutName(out, path);
        return out;
    }
    case FileKind::Unknown:
        if (imaging::DatasetLayout::detect(path)) // a dataset case folder or its metadata file
            return imaging::DatasetLayout::describe(path);
        if (EcgDescriber::isOtherEcgFile(path)) { // EDF, EDF+, BDF, CSV.
            auto record = ecg::EcgReader::open(path);
            if (!record)
                return record.error();
            QJsonObject out = EcgDescriber::describe(record.value());
            out[QStringLiteral("kind")] =
                QStringLiteral("ecg-%1").arg(record->formatName.toLower());
            return out;
        }
        break;
    }
    return fileError(path, QStringLiteral("unrecognised file format"));
}

} // namespace cardiolens::formats
