#pragma once

#include "common/Result.h"
#include "export/ExportOptions.h"
#include "export/ExportSource.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

namespace cardiolens::exports {

/// The provenance manifest every export carries (provenance.json in the export's root):
/// per exported item the revision id, origin, author, review state, time spent, lineage and
/// the SHA-256 of each file written; and the export settings. Retraining manifests point
/// at this file ("training_data"), so a model version can be traced to the labels it saw.
class ProvenanceManifest {
public:
    static constexpr const char* kFileName = "provenance.json";

    ProvenanceManifest(const ExportOptions& options, const QString& storeDescription);

    /// One exported item from \a label; \a files maps a role ("image", "label",
    /// "annotation") to a path relative to the export root; \a extra is merged in.
    /// The files must already be written (they are hashed here).
    Result<bool> add(const QString& root, const SelectedLabel& label,
                     const QList<QPair<QString, QString>>& files, const QJsonObject& extra = {});
    void warn(const QString& warning) { m_warnings << warning; }
    void set(const QString& key, const QJsonValue& value) { m_extra[key] = value; }

    int count() const { return int(m_items.size()); }
    const QStringList& warnings() const { return m_warnings; }
    Result<bool> write(const QString& root) const;

    /// SHA-256 (hex) of a file's bytes, streamed.
    static Result<QString> sha256(const QString& path);

private:
    QJsonObject m_settings;
    QString m_store;
    QJsonArray m_items;
    QStringList m_warnings;
    QJsonObject m_extra;
};

} // namespace cardiolens::exports
