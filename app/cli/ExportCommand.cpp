// `cardiolens-cli export DIR --format F --out OUT [options]`: labels of a project (or a
// store file) for retraining: nnunet, monai, wfdb, ptbxl, cinc2017, with a provenance
// manifest; written aside and renamed into place at the end.
#include "cli/CliCommand.h"

#include "common/JsonOutput.h"
#include "export/Exporter.h"
#include "export/NnunetChecker.h"
#include "labels/LabelConventionName.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>

namespace cardiolens::cli {

namespace {
using namespace exports;

// Applies one --name VALUE option; returns an error text for a bad value.
QString applyOption(ExportOptions& o, const QString& name, const QString& v) {
    bool ok = true;
    if (name == QLatin1String("--format")) {
        const auto f = exportFormatFromName(v);
        if (!f)
            return QStringLiteral("--format takes nnunet, monai, wfdb, ptbxl or cinc2017");
        o.format = *f;
    } else if (name == QLatin1String("--out")) {
        o.outDir = v;
    } else if (name == QLatin1String("--states")) {
        o.states.clear();
        for (const QString& s : v.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const auto st = labels::reviewStateFromName(s.trimmed());
            if (!st)
                return QStringLiteral("--states: unknown state '%1' (predicted, in_progress, "
                                      "submitted, accepted, rejected)")
                    .arg(s);
            o.states.push_back(*st);
        }
    } else if (name == QLatin1String("--convention")) {
        const auto c = labels::labelConventionFromName(v);
        if (!c)
            return QStringLiteral("--convention takes internal, acdc, mnms, camus or echonet");
        o.convention = *c;
    } else if (name == QLatin1String("--ignore-band")) {
        o.ignoreBandPx = v.toInt(&ok);
    } else if (name == QLatin1String("--dataset-id")) {
        o.datasetId = v.toInt(&ok);
    } else if (name == QLatin1String("--name")) {
        o.datasetName = v;
    } else if (name == QLatin1String("--folds")) {
        o.folds = v.toInt(&ok);
    } else if (name == QLatin1String("--seed")) {
        o.seed = v.toInt(&ok);
    } else if (name == QLatin1String("--validation")) {
        o.validationFraction = v.toDouble(&ok);
    } else if (name == QLatin1String("--annotator")) {
        o.annotator = v;
    }
    return ok ? QString() : QStringLiteral("%1 needs a number, not '%2'").arg(name, v);
}

int runExport(const CliCommand& self, const QStringList& args) {
    static const QStringList valued = {
        QStringLiteral("--format"),      QStringLiteral("--out"),
        QStringLiteral("--states"),      QStringLiteral("--convention"),
        QStringLiteral("--ignore-band"), QStringLiteral("--dataset-id"),
        QStringLiteral("--name"),        QStringLiteral("--folds"),
        QStringLiteral("--seed"),        QStringLiteral("--validation"),
        QStringLiteral("--annotator")};
    ExportOptions options;
    QStringList positional;
    bool check = false;
    bool formatGiven = false;
    for (int i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        if (a == QLatin1String("--json"))
            continue;
        if (a == QLatin1String("--3d"))
            options.perPhase3d = true;
        else if (a == QLatin1String("--ignore"))
            options.ignoreLabel = true;
        else if (a == QLatin1String("--overwrite"))
            options.overwrite = true;
        else if (a == QLatin1String("--check"))
            check = true;
        else if (valued.contains(a)) {
            if (i + 1 >= args.size())
                return usageError(self, QStringLiteral("%1 needs a value").arg(a));
            formatGiven = formatGiven || a == QLatin1String("--format");
            if (const QString e = applyOption(options, a, args[++i]); !e.isEmpty())
                return usageError(self, e);
        } else if (a.startsWith(QLatin1String("--")))
            return usageError(self, QStringLiteral("unknown option %1").arg(a));
        else
            positional << a;
    }
    if (positional.size() != 1 || !formatGiven || options.outDir.isEmpty())
        return usageError(self, QStringLiteral("export needs DIR, --format and --out"));
    if (auto v = options.validate(); !v)
        return usageError(self, v.error().message);
    QElapsedTimer timer;
    timer.start();
    auto summary = Exporter::run(positional.first(), options);
    if (!summary) {
        printError(summary.error().describe());
        return kExitBadData;
    }
    QJsonObject o{{QStringLiteral("format"), exportFormatName(options.format)},
                  {QStringLiteral("out"), summary->target},
                  {QStringLiteral("provenance"), summary->provenance},
                  {QStringLiteral("labels"), summary->labels},
                  {QStringLiteral("cases"), summary->cases},
                  {QStringLiteral("seconds"), timer.elapsed() / 1000.0},
                  {QStringLiteral("warnings"), QJsonArray::fromStringList(summary->warnings)}};
    int exit = kExitOk;
    if (check && options.format == ExportFormat::Nnunet) {
        const NnunetCheckReport r = NnunetChecker::check(summary->target);
        o[QStringLiteral("check")] =
            QJsonObject{{QStringLiteral("ok"), r.ok()},
                        {QStringLiteral("errors"), QJsonArray::fromStringList(r.errors)},
                        {QStringLiteral("warnings"), QJsonArray::fromStringList(r.warnings)}};
        exit = r.ok() ? kExitOk : kExitBadData;
    }
    writeJson(o);
    return exit;
}

int runCheck(const CliCommand& self, const QStringList& args) {
    QStringList positional;
    for (const QString& a : args)
        if (a != QLatin1String("--json"))
            positional << a;
    if (positional.size() != 1)
        return usageError(self, QStringLiteral("check-nnunet takes one dataset folder"));
    const NnunetCheckReport r = NnunetChecker::check(positional.first());
    writeJson(QJsonObject{{QStringLiteral("dataset"), positional.first()},
                          {QStringLiteral("ok"), r.ok()},
                          {QStringLiteral("cases"), r.cases},
                          {QStringLiteral("errors"), QJsonArray::fromStringList(r.errors)},
                          {QStringLiteral("warnings"), QJsonArray::fromStringList(r.warnings)}});
    for (const QString& e : r.errors)
        printError(e);
    return r.ok() ? kExitOk : kExitBadData;
}

CliCommand exportCommand() {
    CliCommand c;
    c.name = QStringLiteral("export");
    c.summary = QStringLiteral("export labels for retraining (nnU-Net, MONAI, WFDB, PTB-XL, CinC)");
    c.usage = QStringLiteral(
        "export DIR|STORE --format nnunet|monai|wfdb|ptbxl|cinc2017 --out OUT\n"
        "  [--states accepted[,submitted...]] [--convention internal|acdc|mnms|camus|echonet]\n"
        "  [--3d] [--ignore [--ignore-band PX]] [--dataset-id N] [--name NAME] [--folds K]\n"
        "  [--seed S] [--validation F] [--annotator NAME] [--overwrite] [--check] [--json]\n"
        "  DIR: a project folder (DIR/labels.sqlite), a store file or a postgresql:// URL.\n"
        "  nnunet writes OUT/DatasetNNN_NAME (or OUT itself when it is so named).");
    c.run = [c](const QStringList& args) {
        return runExport(c, args);
    };
    return c;
}

CliCommand checkCommand() {
    CliCommand c;
    c.name = QStringLiteral("check-nnunet");
    c.summary = QStringLiteral("check an nnU-Net v2 raw dataset against nnU-Net's rules");
    c.usage = QStringLiteral("check-nnunet DATASET_FOLDER [--json]");
    c.run = [c](const QStringList& args) {
        return runCheck(c, args);
    };
    return c;
}

const bool registered = registerCliCommand(exportCommand()) && registerCliCommand(checkCommand());
} // namespace

} // namespace cardiolens::cli
