#pragma once
// Manifests written on the fly for the torch2x-export models (random weights, no manifest of
// their own) so the tests drive them through the registry like a user-supplied model.

#include "TestData.h"
#include "inference/ModelRegistry.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace cardiolens::test {

inline QJsonArray jsonShape(std::initializer_list<int> dims) {
    QJsonArray a;
    for (int d : dims)
        a.append(d);
    return a;
}

inline QJsonArray jsonLabels(const QStringList& names, const QStringList& codes) {
    QJsonArray a;
    for (int i = 0; i < names.size(); ++i)
        a.append(QJsonObject{{QStringLiteral("index"), i},
                             {QStringLiteral("name"), names[i]},
                             {QStringLiteral("code"), codes.value(i)}});
    return a;
}

/// A 12-lead record classifier manifest for resnet1d (input (1, 12, 1000), 5 classes).
inline QJsonObject resnet1dManifest(const QString& modelPath, const QString& task,
                                    const QStringList& leads, int batch = 1) {
    QJsonObject input{{QStringLiteral("dtype"), QStringLiteral("float32")},
                      {QStringLiteral("shape"), jsonShape({batch, 12, 1000})},
                      {QStringLiteral("leads"), QJsonArray::fromStringList(leads)},
                      {QStringLiteral("sampling_rate_hz"), 100},
                      {QStringLiteral("window_samples"), 1000},
                      {QStringLiteral("stride_samples"), 500}};
    return QJsonObject{
        {QStringLiteral("name"), QStringLiteral("resnet1d")},
        {QStringLiteral("version"), QStringLiteral("1")},
        {QStringLiteral("task"), task},
        {QStringLiteral("file"), modelPath},
        {QStringLiteral("input"), input},
        {QStringLiteral("output"),
         QJsonObject{{QStringLiteral("activation"), QStringLiteral("softmax")},
                     {QStringLiteral("labels"),
                      jsonLabels({QStringLiteral("N"), QStringLiteral("S"), QStringLiteral("V"),
                                  QStringLiteral("F"), QStringLiteral("Q")},
                                 {QStringLiteral("N"), QStringLiteral("S"), QStringLiteral("V"),
                                  QStringLiteral("F"), QStringLiteral("Q")})}}}};
}

/// A 3-class segmentation manifest for the 64x64 unet.
inline QJsonObject unetManifest(const QString& modelPath, int batch = 1) {
    QJsonObject input{{QStringLiteral("dtype"), QStringLiteral("float32")},
                      {QStringLiteral("shape"), jsonShape({batch, 1, 64, 64})},
                      {QStringLiteral("channels"), 1},
                      {QStringLiteral("size"), jsonShape({64, 64})},
                      {QStringLiteral("normalisation"),
                       QJsonObject{{QStringLiteral("method"), QStringLiteral("percentile")},
                                   {QStringLiteral("low"), 1},
                                   {QStringLiteral("high"), 99}}}};
    return QJsonObject{{QStringLiteral("name"), QStringLiteral("unet")},
                       {QStringLiteral("version"), QStringLiteral("1")},
                       {QStringLiteral("task"), QStringLiteral("segmentation-2d")},
                       {QStringLiteral("file"), modelPath},
                       {QStringLiteral("input"), input},
                       {QStringLiteral("output"),
                        QJsonObject{{QStringLiteral("activation"), QStringLiteral("softmax")},
                                    {QStringLiteral("labels"),
                                     jsonLabels({QStringLiteral("background"), QStringLiteral("LV"),
                                                 QStringLiteral("myocardium")},
                                                {QString(), QStringLiteral("lv_blood_pool"),
                                                 QStringLiteral("lv_myocardium")})}}},
                       {QStringLiteral("uncertainty"),
                        QJsonObject{{QStringLiteral("method"), QStringLiteral("flip-tta")}}}};
}

/// Writes \a manifest as DIR/manifest.json under the scratch folder; returns DIR.
inline QString writeManifest(const QString& dirName, const QJsonObject& manifest) {
    const QString dir = scratchDir() + QLatin1Char('/') + dirName;
    QDir().mkpath(dir);
    QFile f(dir + QStringLiteral("/manifest.json"));
    if (f.open(QIODevice::WriteOnly))
        f.write(QJsonDocument(manifest).toJson());
    return dir;
}

/// A bundled demo model whose weights are present, else nullopt.
inline std::optional<inference::ModelManifest> bundledModel(const QString& name) {
    auto m = inference::ModelRegistry::scan({inference::ModelRegistry::bundledDir()}).find(name);
    if (!m.ok() || !QFileInfo::exists(m->modelPath))
        return std::nullopt;
    return *m;
}

} // namespace cardiolens::test

/// Declares \a var as the bundled model \a name's manifest. The demo weights are tracked in
/// git: a missing one (or a registry that no longer finds it) fails the test.
#define CARDIOLENS_REQUIRE_BUNDLED(var, name)                                                      \
    const auto var##Found = cardiolens::test::bundledModel(QStringLiteral(name));                  \
    if (!var##Found)                                                                               \
        QFAIL(name " demo model not found in the bundled models folder");                          \
    const cardiolens::inference::ModelManifest& var = *var##Found
