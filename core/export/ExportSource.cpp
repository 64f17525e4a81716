#include "export/ExportSource.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>
#include <map>

namespace cardiolens::exports {

using namespace labels;

Origin SelectedLabel::author() const {
    for (const RevisionInfo& r : lineage)
        if (r.origin.type == OriginType::Annotator &&
            (r.state == ReviewState::InProgress || r.state == ReviewState::Submitted))
            return r.origin;
    return lineage.empty() ? revision.origin : lineage.back().origin;
}

double SelectedLabel::timeSpentSeconds() const {
    double s = 0;
    for (const RevisionInfo& r : lineage)
        s += r.editSeconds;
    return s;
}

QJsonArray SelectedLabel::lineageJson() const {
    QJsonArray out;
    for (const RevisionInfo& r : lineage)
        out.append(QJsonObject{{QStringLiteral("revision"), r.id},
                               {QStringLiteral("origin_type"), originTypeName(r.origin.type)},
                               {QStringLiteral("origin"), r.origin.name},
                               {QStringLiteral("review_state"), reviewStateName(r.state)},
                               {QStringLiteral("edit_seconds"), r.editSeconds},
                               {QStringLiteral("saved_ms"), r.savedMs}});
    return out;
}

Result<StoreLocation> ExportSource::locate(const QString& dirOrStore) {
    if (dirOrStore.startsWith(QLatin1String("postgres")))
        return StoreLocation::parse(dirOrStore);
    const QFileInfo info(dirOrStore);
    if (info.isDir()) {
        const QString file = QDir(dirOrStore).filePath(QStringLiteral("labels.sqlite"));
        if (!QFileInfo(file).isFile())
            return fileError(dirOrStore, QStringLiteral("not a project: no labels.sqlite in "
                                                        "this folder"));
        return StoreLocation::sqlite(file);
    }
    if (!info.isFile())
        return fileError(dirOrStore, QStringLiteral("no such project folder or label store"));
    // Opening a store creates its tables: never do that to a file that is not one already.
    QFile f(dirOrStore);
    if (!f.open(QIODevice::ReadOnly) || f.read(16) != QByteArray("SQLite format 3\0", 16))
        return fileError(dirOrStore, QStringLiteral("not a label store (not an SQLite file)"));
    return StoreLocation::sqlite(dirOrStore);
}

Result<std::unique_ptr<LabelStore>> ExportSource::open(const QString& dirOrStore) {
    auto location = locate(dirOrStore);
    if (!location)
        return location.error();
    return LabelStore::open(*location);
}

QString ExportSource::caseKey(const CaseRecord& c) {
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9-]"));
    QString name = c.description.caseName;
    name.replace(unsafe, QString());
    if (c.description.dataset.isEmpty() || name.isEmpty())
        return QStringLiteral("case%1").arg(c.id, 4, 10, QLatin1Char('0'));
    return name;
}

Result<std::vector<SelectedLabel>> ExportSource::select(LabelStore& store, RevisionKind kind,
                                                        const std::vector<ReviewState>& states) {
    auto cases = store.cases();
    if (!cases)
        return cases.error();
    std::vector<SelectedLabel> out;
    std::map<QString, int> keyUse;
    for (const CaseRecord& c : *cases) {
        auto history = store.history(c.id, kind);
        if (!history)
            return history.error();
        std::map<qint64, const RevisionInfo*> byId;
        for (const RevisionInfo& r : *history)
            byId[r.id] = &r;
        // Newest first. A deletion ends the search (the labels were removed on purpose), and
        // so does a review decision not asked for: what was accepted or rejected later is no
        // longer "in progress". A newer draft does not hide an accepted revision.
        const RevisionInfo* chosen = nullptr;
        for (auto it = history->rbegin(); it != history->rend() && !chosen; ++it) {
            if (it->deleted)
                break;
            if (std::find(states.begin(), states.end(), it->state) != states.end())
                chosen = &*it;
            else if (it->state == ReviewState::Accepted || it->state == ReviewState::Rejected)
                break;
        }
        if (!chosen)
            continue;
        SelectedLabel s{c, *chosen, {}, caseKey(c), {}};
        for (const RevisionInfo* r = chosen; r;) {
            s.lineage.push_back(*r);
            r = r->parentId && byId.count(*r->parentId) ? byId[*r->parentId] : nullptr;
        }
        s.patientKey = c.description.dataset + QLatin1Char('/') + s.caseKey;
        // Two stored cases of one dataset id (e.g. copies) must not share file names.
        if (int n = keyUse[s.caseKey]++; n > 0)
            s.caseKey += QStringLiteral("-%1").arg(n + 1);
        out.push_back(std::move(s));
    }
    std::sort(out.begin(), out.end(),
              [](const SelectedLabel& a, const SelectedLabel& b) { return a.caseKey < b.caseKey; });
    return out;
}

} // namespace cardiolens::exports
