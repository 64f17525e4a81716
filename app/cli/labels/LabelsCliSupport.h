#pragma once

#include "cli/CliCommand.h"
#include "labels/LabelStore.h"

#include <QJsonObject>

#include <memory>

namespace cardiolens::cli {

/// Options shared by the labels subcommands, parsed from their arguments.
struct LabelsArgs {
    QString store; ///< --store FILE|URL; empty: the default store.
    QStringList positional;
    QMap<QString, QString> options; ///< Other --name VALUE options.
};

/// Parses \a args; \a valued: the options that take a value (besides --store). --json is
/// accepted and ignored (output is always JSON). Returns false after printing a usage
/// error (*exitCode set).
bool parseLabelsArgs(const CliCommand& self, const QStringList& args, const QStringList& valued,
                     LabelsArgs& out, int* exitCode);

/// Opens the store named by --store (or the default one); prints the error and returns
/// null when it cannot.
std::unique_ptr<labels::LabelStore> openLabelStore(const QString& store);

/// The image path a CASE argument stands for: the cine of a dataset case, else the path.
QString caseImagePath(const QString& casePath);

QJsonObject revisionToJson(const labels::RevisionInfo& r);
QJsonObject caseToJson(const labels::CaseRecord& c);

} // namespace cardiolens::cli
