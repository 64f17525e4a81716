#include "export/ProvenanceManifest.h"

#include "cardiolens/BuildInfo.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>

namespace cardiolens::exports {

using namespace labels;

ProvenanceManifest::ProvenanceManifest(const ExportOptions& options,
                                       const QString& storeDescription)
    : m_settings(options.toJson()), m_store(storeDescription) {}

Result<QString> ProvenanceManifest::sha256(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return fileError(path, QStringLiteral("cannot read for hashing: ") + f.errorString());
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&f))
        return fileError(path, QStringLiteral("cannot read for hashing"));
    return QString::fromLatin1(hash.result().toHex());
}

Result<bool> ProvenanceManifest::add(const QString& root, const SelectedLabel& label,
                                     const QList<QPair<QString, QString>>& files,
                                     const QJsonObject& extra) {
    const RevisionInfo& r = label.revision;
    const Origin author = label.author();
    QJsonObject o{{QStringLiteral("case"), label.caseKey},
                  {QStringLiteral("patient"), label.patientKey},
                  {QStringLiteral("store_case_id"), label.caseRecord.id},
                  {QStringLiteral("dataset"), label.caseRecord.description.dataset},
                  {QStringLiteral("revision"), r.id},
                  {QStringLiteral("kind"), revisionKindName(r.kind)},
                  {QStringLiteral("origin_type"), originTypeName(r.origin.type)},
                  {QStringLiteral("origin"), r.origin.name},
                  {QStringLiteral("annotator"), author.name},
                  {QStringLiteral("annotator_type"), originTypeName(author.type)},
                  {QStringLiteral("review_state"), reviewStateName(r.state)},
                  {QStringLiteral("time_spent_s"), label.timeSpentSeconds()},
                  {QStringLiteral("saved"),
                   QDateTime::fromMSecsSinceEpoch(r.savedMs, Qt::UTC).toString(Qt::ISODateWithMs)},
                  {QStringLiteral("lineage"), label.lineageJson()}};
    if (!r.origin.manifestHash.isEmpty())
        o[QStringLiteral("model_manifest_sha256")] = r.origin.manifestHash;
    for (const auto& [role, rel] : files) {
        auto hash = sha256(QDir(root).filePath(rel));
        if (!hash)
            return hash.error();
        o[role] = rel;
        o[role + QStringLiteral("_sha256")] = *hash;
    }
    for (auto it = extra.begin(); it != extra.end(); ++it)
        o[it.key()] = it.value();
    m_items.append(o);
    return true;
}

Result<bool> ProvenanceManifest::write(const QString& root) const {
    QJsonObject doc{
        {QStringLiteral("format"), QStringLiteral("cardiolens-export-provenance")},
        {QStringLiteral("version"), 1},
        {QStringLiteral("created"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {QStringLiteral("cardiolens_version"), QString::fromLatin1(build::kAppVersion)},
        {QStringLiteral("store"), m_store},
        {QStringLiteral("settings"), m_settings},
        {QStringLiteral("count"), m_items.size()},
        {QStringLiteral("items"), m_items},
        {QStringLiteral("warnings"), QJsonArray::fromStringList(m_warnings)}};
    for (auto it = m_extra.begin(); it != m_extra.end(); ++it)
        doc[it.key()] = it.value();
    const QString path = QDir(root).filePath(QString::fromLatin1(kFileName));
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return fileError(path, QStringLiteral("cannot write: ") + f.errorString());
    f.write(QJsonDocument(doc).toJson(QJsonDocument::Indented));
    if (!f.commit())
        return fileError(path, QStringLiteral("cannot write: ") + f.errorString());
    return true;
}

} // namespace cardiolens::exports
