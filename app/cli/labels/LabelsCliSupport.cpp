#include "cli/labels/LabelsCliSupport.h"

#include "imaging/DatasetLayout.h"

#include <QDateTime>

namespace cardiolens::cli {

using namespace labels;

bool parseLabelsArgs(const CliCommand& self, const QStringList& args, const QStringList& valued,
                     LabelsArgs& out, int* exitCode) {
    for (int i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        if (a == QLatin1String("--json"))
            continue;
        if (a == QLatin1String("--store") || valued.contains(a)) {
            if (i + 1 >= args.size()) {
                *exitCode = usageError(self, QStringLiteral("%1 needs a value").arg(a));
                return false;
            }
            if (a == QLatin1String("--store"))
                out.store = args[++i];
            else
                out.options[a] = args[++i];
        } else if (a.startsWith(QLatin1String("--"))) {
            *exitCode = usageError(self, QStringLiteral("unknown option %1").arg(a));
            return false;
        } else {
            out.positional << a;
        }
    }
    return true;
}

std::unique_ptr<LabelStore> openLabelStore(const QString& store) {
    auto location =
        StoreLocation::parse(store.isEmpty() ? StoreLocation::defaultSqlitePath() : store);
    if (!location) {
        printError(location.error().describe());
        return nullptr;
    }
    auto opened = LabelStore::open(*location);
    if (!opened) {
        printError(opened.error().describe());
        return nullptr;
    }
    return std::move(*opened);
}

QString caseImagePath(const QString& casePath) {
    if (imaging::DatasetLayout::detect(casePath))
        if (auto c = imaging::DatasetLayout::open(casePath); c && !c->cineImage.isEmpty())
            return c->cineImage;
    return casePath;
}

namespace {
QString isoTime(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}
} // namespace

QJsonObject revisionToJson(const RevisionInfo& r) {
    QJsonObject o;
    o[QStringLiteral("revision")] = r.id;
    o[QStringLiteral("case_id")] = r.caseId;
    o[QStringLiteral("parent")] = r.parentId ? QJsonValue(*r.parentId) : QJsonValue();
    o[QStringLiteral("kind")] = revisionKindName(r.kind);
    o[QStringLiteral("origin_type")] = originTypeName(r.origin.type);
    o[QStringLiteral("origin")] = r.origin.name;
    if (!r.origin.manifestHash.isEmpty())
        o[QStringLiteral("manifest_hash")] = r.origin.manifestHash;
    o[QStringLiteral("review_state")] = reviewStateName(r.state);
    o[QStringLiteral("created")] = isoTime(r.createdMs);
    o[QStringLiteral("saved")] = isoTime(r.savedMs);
    o[QStringLiteral("edit_seconds")] = r.editSeconds;
    o[QStringLiteral("comment")] = r.comment;
    o[QStringLiteral("deleted")] = r.deleted;
    return o;
}

QJsonObject caseToJson(const CaseRecord& c) {
    QJsonObject o;
    o[QStringLiteral("case_id")] = c.id;
    o[QStringLiteral("path")] = c.description.path;
    o[QStringLiteral("modality")] = c.description.modality;
    o[QStringLiteral("dataset")] = c.description.dataset;
    o[QStringLiteral("case")] = c.description.caseName;
    o[QStringLiteral("fingerprint")] = c.fingerprint.sha256;
    o[QStringLiteral("content_bytes")] = c.fingerprint.bytes;
    return o;
}

} // namespace cardiolens::cli
