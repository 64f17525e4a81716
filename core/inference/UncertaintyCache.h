#pragma once

#include "common/Result.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace cardiolens::inference {

/// Per-case uncertainty scores for active learning, cached in a small JSON file keyed by
/// case path and model id ("name@version"). An entry is valid while the case file's size
/// and modification time are unchanged, so a case is rescored only when the model version
/// (a new key) or the case itself changes.
class UncertaintyCache {
public:
    /// \a path: the cache file (created on first store). Default: <AppData>/uncertainty.json.
    explicit UncertaintyCache(QString path = defaultPath());
    static QString defaultPath();

    std::optional<double> lookup(const QString& casePath, const QString& modelId) const;
    Result<bool> store(const QString& casePath, const QString& modelId, double score,
                       const QString& method);
    /// Entries for \a modelId: case path -> score.
    QJsonObject scoresFor(const QString& modelId) const;

private:
    static QString fileStamp(const QString& casePath);
    QString m_path;
    QJsonObject m_root;
};

} // namespace cardiolens::inference
