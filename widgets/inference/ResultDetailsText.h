#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QStringList>

namespace cardiolens::widgets {

/// Lines of text for an inference result's task-specific details: the clinical figures of a
/// segmentation (EF, volumes, mass; echo LV area change), its Dice against the expert
/// reference, and any other scalar facts as "key: value". Series and counts shown elsewhere
/// (per-frame uncertainty, beat counts, thresholds) are left out.
class ResultDetailsText {
    Q_DECLARE_TR_FUNCTIONS(ResultDetailsText)
public:
    static QStringList describe(const QJsonObject& details);

private:
    static QString scalarText(const QJsonValue& value);
    static QString cineMetricsLine(const QJsonObject& metrics);
    static QString lvAreaLine(const QJsonObject& area);
    static QString agreementLine(const QJsonObject& agreement);
};

} // namespace cardiolens::widgets
