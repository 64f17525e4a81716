#include "formats/EcgDescriber.h"

#include "ecg/EdfReader.h"
#include "ecg/MitAnnotationIO.h"

#include <QFileInfo>
#include <QJsonArray>

#include <cmath>
#include <map>

namespace cardiolens::formats {

QStringList EcgDescriber::annotators(const ecg::EcgRecord& record) {
    QStringList names;
    for (const auto& set : record.annotations)
        names << set.annotator;
    if (record.formatName == QLatin1String("WFDB"))
        names << ecg::MitAnnotationIO::annotatorsFor(record.sourcePath);
    return names;
}

bool EcgDescriber::isOtherEcgFile(const QString& path) {
    const QFileInfo fi(path);
    if (!fi.isFile())
        return false;
    const QString suffix = fi.suffix().toLower();
    return ecg::EdfReader::looksLikeEdf(path) || suffix == QLatin1String("csv") ||
           suffix == QLatin1String("tsv");
}

QJsonObject EcgDescriber::describe(const ecg::EcgRecord& rec) {
    QJsonObject out;
    out[QStringLiteral("path")] = rec.sourcePath;
    out[QStringLiteral("format")] = rec.formatName;
    out[QStringLiteral("record")] = rec.name;
    out[QStringLiteral("samplingFrequencyHz")] = rec.frameRate;
    out[QStringLiteral("samplesPerSignal")] = double(rec.frameCount);
    out[QStringLiteral("durationSeconds")] = rec.durationSeconds();
    out[QStringLiteral("signalCount")] = rec.leadCount();
    if (rec.start)
        out[QStringLiteral("start")] = rec.start->toString(Qt::ISODateWithMs);
    QJsonArray leads;
    for (int i = 0; i < rec.leadCount(); ++i) {
        const ecg::Lead& l = rec.leads[std::size_t(i)];
        QJsonObject lead;
        lead[QStringLiteral("name")] = l.name;
        lead[QStringLiteral("units")] = l.units;
        lead[QStringLiteral("gain")] = l.gain;
        lead[QStringLiteral("baseline")] = l.baseline;
        lead[QStringLiteral("samplesPerFrame")] = l.samplesPerFrame;
        lead[QStringLiteral("samplingFrequencyHz")] = rec.sampleRate(i);
        lead[QStringLiteral("samples")] = double(rec.sampleCount(i));
        lead[QStringLiteral("storage")] = l.format;
        if (l.adcResolution)
            lead[QStringLiteral("adcResolution")] = l.adcResolution;
        leads.append(lead);
    }
    out[QStringLiteral("leads")] = leads;
    QJsonArray annotators;
    for (const QString& name : EcgDescriber::annotators(rec))
        annotators.append(name);
    out[QStringLiteral("annotators")] = annotators;
    QJsonArray labels;
    for (const auto& l : rec.labels) {
        QJsonObject label;
        label[QStringLiteral("scheme")] = l.scheme;
        label[QStringLiteral("code")] = l.code;
        if (!l.name.isEmpty())
            label[QStringLiteral("name")] = l.name;
        if (!std::isnan(l.likelihood))
            label[QStringLiteral("likelihood")] = l.likelihood;
        if (!l.category.isEmpty())
            label[QStringLiteral("category")] = l.category;
        labels.append(label);
    }
    out[QStringLiteral("labels")] = labels;
    if (!rec.comments.isEmpty())
        out[QStringLiteral("comments")] = QJsonArray::fromStringList(rec.comments);
    QStringList warnings = rec.warnings;
    if (rec.formatName == QLatin1String("WFDB")) { // Say why an annotation file is not listed.
        QStringList skipped;
        ecg::MitAnnotationIO::annotatorsFor(rec.sourcePath, &skipped);
        for (const QString& s : skipped)
            warnings << QStringLiteral("annotation file not read: %1").arg(s);
    }
    if (!warnings.isEmpty())
        out[QStringLiteral("warnings")] = QJsonArray::fromStringList(warnings);
    return out;
}

} // namespace cardiolens::formats
