// cardiolens-make-datasets OUTDIR [acdc|mnms|camus|echonet|all]: writes synthetic cases in
// the public dataset layouts and prints what it wrote (with the analytic truth) as JSON.
#include "SyntheticDatasets.h"
#include "common/JsonOutput.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

#include <cstdio>

using namespace cardiolens;

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    if (args.isEmpty() || args.size() > 2 || args.first().startsWith(QLatin1Char('-'))) {
        std::fprintf(stderr,
                     "usage: cardiolens-make-datasets OUTDIR [acdc|mnms|camus|echonet|all]\n");
        return 2;
    }
    const QString root = args[0];
    const QString which = args.value(1, QStringLiteral("all"));
    Result<QList<tools::GeneratedCase>> cases = QList<tools::GeneratedCase>{};
    auto one = [&](Result<tools::GeneratedCase> r) -> Result<QList<tools::GeneratedCase>> {
        if (!r)
            return r.error();
        return QList<tools::GeneratedCase>{*r};
    };
    if (which == QLatin1String("all"))
        cases = tools::SyntheticDatasets::writeAll(root);
    else if (which == QLatin1String("acdc"))
        cases = one(tools::SyntheticDatasets::writeAcdc(root));
    else if (which == QLatin1String("mnms"))
        cases = one(tools::SyntheticDatasets::writeMnms(root));
    else if (which == QLatin1String("camus"))
        cases = one(tools::SyntheticDatasets::writeCamus(root));
    else if (which == QLatin1String("echonet"))
        cases = one(tools::SyntheticDatasets::writeEchoNet(root));
    else {
        std::fprintf(stderr, "cardiolens-make-datasets: unknown layout '%s'\n", qPrintable(which));
        return 2;
    }
    if (!cases) {
        std::fprintf(stderr, "cardiolens-make-datasets: %s\n",
                     qPrintable(cases.error().describe()));
        return 1;
    }
    QJsonArray out;
    for (const tools::GeneratedCase& c : *cases) {
        QJsonObject o;
        o[QStringLiteral("layout")] = c.layout;
        o[QStringLiteral("path")] = c.path;
        o[QStringLiteral("ed_phase")] = c.edFrame;
        o[QStringLiteral("es_phase")] = c.esFrame;
        o[QStringLiteral("lv_edv_ml")] = c.lvEdvMl;
        o[QStringLiteral("lv_esv_ml")] = c.lvEsvMl;
        o[QStringLiteral("lv_ef_percent")] = c.lvEfPercent;
        if (c.lvMassG > 0)
            o[QStringLiteral("lv_mass_g")] = c.lvMassG;
        if (c.rvEdvMl > 0) {
            o[QStringLiteral("rv_edv_ml")] = c.rvEdvMl;
            o[QStringLiteral("rv_esv_ml")] = c.rvEsvMl;
            o[QStringLiteral("rv_ef_percent")] = c.rvEfPercent;
        }
        out.append(o);
    }
    writeJson(out);
    return 0;
}
