#include "inference/UncertaintyCache.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>

namespace cardiolens::inference {

UncertaintyCache::UncertaintyCache(QString path) : m_path(std::move(path)) {
    QFile f(m_path);
    if (f.size() < (64 << 20) && f.open(QIODevice::ReadOnly))
        m_root = QJsonDocument::fromJson(f.readAll()).object(); // A corrupt cache is just empty.
}

QString UncertaintyCache::defaultPath() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/uncertainty.json");
}

QString UncertaintyCache::fileStamp(const QString& casePath) {
    const QFileInfo info(casePath);
    return QStringLiteral("%1:%2").arg(info.size()).arg(info.lastModified().toMSecsSinceEpoch());
}

std::optional<double> UncertaintyCache::lookup(const QString& casePath,
                                               const QString& modelId) const {
    const QString key = QFileInfo(casePath).absoluteFilePath();
    const QJsonObject entry = m_root.value(modelId).toObject().value(key).toObject();
    if (entry.isEmpty() || entry.value(QStringLiteral("stamp")).toString() != fileStamp(casePath))
        return std::nullopt;
    return entry.value(QStringLiteral("score")).toDouble();
}

Result<bool> UncertaintyCache::store(const QString& casePath, const QString& modelId, double score,
                                     const QString& method) {
    const QString key = QFileInfo(casePath).absoluteFilePath();
    QJsonObject model = m_root.value(modelId).toObject();
    QJsonObject entry;
    entry[QStringLiteral("stamp")] = fileStamp(casePath);
    entry[QStringLiteral("score")] = score;
    entry[QStringLiteral("method")] = method;
    model[key] = entry;
    m_root[modelId] = model;
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile f(m_path);
    if (!f.open(QIODevice::WriteOnly))
        return fileError(
            m_path, QStringLiteral("cannot write the uncertainty cache: %1").arg(f.errorString()));
    f.write(QJsonDocument(m_root).toJson(QJsonDocument::Compact));
    if (!f.commit())
        return fileError(
            m_path, QStringLiteral("cannot write the uncertainty cache: %1").arg(f.errorString()));
    return true;
}

QJsonObject UncertaintyCache::scoresFor(const QString& modelId) const {
    QJsonObject out;
    const QJsonObject model = m_root.value(modelId).toObject();
    for (auto it = model.begin(); it != model.end(); ++it)
        out[it.key()] = it.value().toObject().value(QStringLiteral("score"));
    return out;
}

} // namespace cardiolens::inference
