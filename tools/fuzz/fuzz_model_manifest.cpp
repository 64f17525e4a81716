// libFuzzer harness: model manifests (JSON), as ModelManifest::read sees them.
#include "inference/ModelManifest.h"

#include <QJsonDocument>
#include <QJsonObject>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    const QJsonDocument doc = QJsonDocument::fromJson(bytes);
    if (doc.isObject())
        (void)cardiolens::inference::ModelManifest::fromJson(doc.object(),
                                                             QStringLiteral("/fuzz/manifest.json"));
    return 0;
}
