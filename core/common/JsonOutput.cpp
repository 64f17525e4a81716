#include "common/JsonOutput.h"

#include <QJsonDocument>

namespace cardiolens {

void writeJson(const QJsonValue& value, std::FILE* out) {
    QJsonDocument doc;
    if (value.isArray())
        doc.setArray(value.toArray());
    else if (value.isObject())
        doc.setObject(value.toObject());
    else
        doc.setArray(QJsonArray{value});
    const QByteArray bytes = doc.toJson(QJsonDocument::Indented);
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), out);
    std::fflush(out);
}

} // namespace cardiolens
