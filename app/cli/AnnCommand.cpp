// `cardiolens-cli ann RECORD [--annotator NAME] [--json]`: the annotations of a record as
// JSON (MIT annotation files beside WFDB records, EDF+ TALs as "edf", Kaggle CSV classes
// as "csv").
#include "cli/CliCommand.h"

#include "common/JsonOutput.h"
#include "ecg/EcgReader.h"
#include "ecg/MitAnnotationIO.h"
#include "formats/EcgDescriber.h"

#include <QJsonArray>

#include <map>

namespace cardiolens::cli {

namespace {

QJsonObject toJson(const ecg::AnnotationSet& set, const ecg::EcgRecord& record) {
    QJsonObject out;
    out[QStringLiteral("record")] = record.sourcePath;
    out[QStringLiteral("annotator")] = set.annotator;
    out[QStringLiteral("path")] = set.path;
    out[QStringLiteral("samplingFrequencyHz")] = record.frameRate;
    out[QStringLiteral("count")] = int(set.items.size());
    std::map<QString, int> counts;
    int beats = 0;
    QJsonArray items;
    for (const auto& a : set.items) {
        QJsonObject o;
        o[QStringLiteral("sample")] = double(a.sample);
        o[QStringLiteral("time")] =
            record.frameRate > 0 ? double(a.sample) / record.frameRate : 0.0;
        o[QStringLiteral("code")] = a.code;
        const QString mnemonic = ecg::AnnotationCodes::mnemonic(a.code);
        o[QStringLiteral("type")] = mnemonic;
        if (a.subtype)
            o[QStringLiteral("subtype")] = a.subtype;
        if (a.channel)
            o[QStringLiteral("channel")] = a.channel;
        if (a.number)
            o[QStringLiteral("number")] = a.number;
        if (!a.aux.isEmpty()) {
            QByteArray aux = a.aux;
            while (aux.endsWith('\0'))
                aux.chop(1);
            o[QStringLiteral("aux")] = QString::fromUtf8(aux);
        }
        if (a.duration > 0)
            o[QStringLiteral("duration")] = a.duration;
        items.append(o);
        ++counts[mnemonic];
        beats += ecg::AnnotationCodes::isBeat(a.code) ? 1 : 0;
    }
    QJsonObject countObject;
    for (const auto& [m, n] : counts)
        countObject[m] = n;
    out[QStringLiteral("counts")] = countObject;
    out[QStringLiteral("beats")] = beats;
    out[QStringLiteral("annotations")] = items;
    return out;
}

int runAnn(const CliCommand& self, const QStringList& args) {
    QString record, annotator = QStringLiteral("atr");
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        if (a == QLatin1String("--json"))
            continue;
        if (a == QLatin1String("--annotator")) {
            if (i + 1 >= args.size())
                return usageError(self, QStringLiteral("--annotator needs a NAME"));
            annotator = args[++i];
        } else if (a.startsWith(QLatin1String("--"))) {
            return usageError(self, QStringLiteral("unknown option %1").arg(a));
        } else if (record.isEmpty()) {
            record = a;
        } else {
            return usageError(self, QStringLiteral("ann takes one RECORD"));
        }
    }
    if (record.isEmpty())
        return usageError(self, QStringLiteral("ann needs a RECORD"));
    auto rec = ecg::EcgReader::open(record);
    if (!rec) {
        printError(rec.error().describe());
        return kExitBadData;
    }
    for (const auto& set : rec->annotations)
        if (set.annotator == annotator) {
            writeJson(toJson(set, rec.value()));
            return kExitOk;
        }
    if (rec->formatName != QLatin1String("WFDB")) {
        printError(
            QStringLiteral("%1: no annotator '%2' (available: %3)")
                .arg(record, annotator,
                     formats::EcgDescriber::annotators(rec.value()).join(QStringLiteral(", "))));
        return kExitBadData;
    }
    auto set = ecg::MitAnnotationIO::read(rec->sourcePath, annotator);
    if (!set) {
        const QStringList present = formats::EcgDescriber::annotators(rec.value());
        printError(
            set.error().describe() +
            (present.isEmpty()
                 ? QStringLiteral(" (no annotators present)")
                 : QStringLiteral(" (available: %1)").arg(present.join(QStringLiteral(", ")))));
        return kExitBadData;
    }
    writeJson(toJson(set.value(), rec.value()));
    return kExitOk;
}

CliCommand annCommand() {
    CliCommand c;
    c.name = QStringLiteral("ann");
    c.summary =
        QStringLiteral("print a record's annotations (MIT .atr, EDF+ TALs, CSV classes) as JSON");
    c.usage = QStringLiteral("ann RECORD [--annotator NAME] [--json]");
    c.run = [c](const QStringList& args) {
        return runAnn(c, args);
    };
    return c;
}

const bool registered = registerCliCommand(annCommand());

} // namespace

} // namespace cardiolens::cli
