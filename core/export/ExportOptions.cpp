#include "export/ExportOptions.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace cardiolens::exports {

namespace {
const std::pair<ExportFormat, const char*> kFormats[] = {{ExportFormat::Nnunet, "nnunet"},
                                                         {ExportFormat::Monai, "monai"},
                                                         {ExportFormat::Wfdb, "wfdb"},
                                                         {ExportFormat::PtbXl, "ptbxl"},
                                                         {ExportFormat::Cinc2017, "cinc2017"}};
} // namespace

QString exportFormatName(ExportFormat format) {
    for (const auto& [f, name] : kFormats)
        if (f == format)
            return QString::fromLatin1(name);
    return {};
}

std::optional<ExportFormat> exportFormatFromName(const QString& name) {
    for (const auto& [f, n] : kFormats)
        if (name.compare(QLatin1String(n), Qt::CaseInsensitive) == 0)
            return f;
    return std::nullopt;
}

Result<bool> ExportOptions::validate() const {
    auto bad = [](const QString& what) {
        return Error{what, {}};
    };
    if (outDir.isEmpty())
        return bad(QStringLiteral("--out: an output folder is required"));
    if (states.empty())
        return bad(QStringLiteral("--states: at least one review state is required"));
    if (datasetId < 1 || datasetId > 999)
        return bad(QStringLiteral("--dataset-id: %1 is not a 3-digit id (1-999)").arg(datasetId));
    static const QRegularExpression nameRe(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9-]*$"));
    if (!nameRe.match(datasetName).hasMatch())
        return bad(
            QStringLiteral("--name: '%1' must be letters, digits and '-' only").arg(datasetName));
    if (folds < 2 || folds > 20)
        return bad(QStringLiteral("--folds: %1 is outside 2-20").arg(folds));
    if (ignoreBandPx < 1 || ignoreBandPx > 256)
        return bad(QStringLiteral("--ignore-band: %1 is outside 1-256 pixels").arg(ignoreBandPx));
    if (!(validationFraction > 0.0 && validationFraction < 1.0))
        return bad(
            QStringLiteral("--validation: %1 is not between 0 and 1").arg(validationFraction));
    static const QRegularExpression annRe(QStringLiteral("^[A-Za-z0-9_]{1,16}$"));
    if (!annRe.match(annotator).hasMatch())
        return bad(
            QStringLiteral("--annotator: '%1' must be 1-16 letters, digits or '_'").arg(annotator));
    return true;
}

QJsonObject ExportOptions::toJson() const {
    QJsonArray s;
    for (labels::ReviewState st : states)
        s.append(labels::reviewStateName(st));
    return {{QStringLiteral("format"), exportFormatName(format)},
            {QStringLiteral("states"), s},
            {QStringLiteral("convention"), imaging::labelConventionName(convention)},
            {QStringLiteral("cases"),
             perPhase3d ? QStringLiteral("3d-per-phase") : QStringLiteral("2d-per-frame")},
            {QStringLiteral("ignore_label"), ignoreLabel},
            {QStringLiteral("ignore_band_px"), ignoreBandPx},
            {QStringLiteral("dataset_id"), datasetId},
            {QStringLiteral("dataset_name"), datasetName},
            {QStringLiteral("folds"), folds},
            {QStringLiteral("seed"), seed},
            {QStringLiteral("validation_fraction"), validationFraction},
            {QStringLiteral("annotator"), annotator}};
}

} // namespace cardiolens::exports
