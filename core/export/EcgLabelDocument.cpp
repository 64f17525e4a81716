#include "export/EcgLabelDocument.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace cardiolens::exports {

using ecg::Annotation;
namespace codes = ecg::AnnotationCodes;

namespace {
Result<QJsonObject> parseObject(const QByteArray& json, const QString& source) {
    QJsonParseError e;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &e);
    if (e.error != QJsonParseError::NoError || !doc.isObject())
        return fileError(source,
                         QStringLiteral("label document is not a JSON object: ") + e.errorString());
    return doc.object();
}

Result<Annotation> beatFrom(const QJsonObject& o, const QString& source, int index) {
    Annotation a;
    const QJsonValue sample = o.value(QStringLiteral("sample"));
    if (!sample.isDouble() || sample.toDouble() < 0)
        return fileError(source, QStringLiteral("item %1 has no valid \"sample\"").arg(index));
    a.sample = std::int64_t(sample.toDouble());
    const QJsonValue code = o.value(QStringLiteral("code"));
    a.code = code.isDouble() ? code.toInt() : codes::fromMnemonic(code.toString());
    if (a.code <= 0 || a.code > codes::MaxCode)
        return fileError(source, QStringLiteral("item %1: unknown annotation code %2")
                                     .arg(index)
                                     .arg(code.toVariant().toString()));
    a.subtype = o.value(QStringLiteral("subtype")).toInt();
    a.channel = o.value(QStringLiteral("channel")).toInt();
    a.number = o.value(QStringLiteral("number")).toInt();
    a.aux = o.value(QStringLiteral("aux")).toString().toUtf8().left(255);
    return a;
}
} // namespace

Result<std::vector<Annotation>> EcgLabelDocument::annotations(const QByteArray& json,
                                                              const QString& source) {
    auto obj = parseObject(json, source);
    if (!obj)
        return obj.error();
    std::vector<Annotation> out;
    for (const char* key : {"beats", "annotations"}) {
        const QJsonArray items = obj->value(QLatin1String(key)).toArray();
        for (int i = 0; i < items.size(); ++i) {
            auto a = beatFrom(items[i].toObject(), source, i);
            if (!a)
                return a.error();
            out.push_back(*a);
        }
    }
    const QJsonArray episodes = obj->value(QStringLiteral("episodes")).toArray();
    for (int i = 0; i < episodes.size(); ++i) {
        const QJsonObject e = episodes[i].toObject();
        const double start = e.value(QStringLiteral("start")).toDouble(-1);
        QString rhythm = e.value(QStringLiteral("rhythm")).toString().trimmed();
        if (start < 0 || rhythm.isEmpty())
            return fileError(source,
                             QStringLiteral("episode %1 needs \"start\" and \"rhythm\"").arg(i));
        if (!rhythm.startsWith(QLatin1Char('(')))
            rhythm.prepend(QLatin1Char('('));
        Annotation a;
        a.sample = std::int64_t(start);
        a.code = codes::Rhythm;
        a.aux = rhythm.toUtf8().left(255);
        out.push_back(a);
    }
    // WFDB wants canonical order (time, then channel); stable keeps a rhythm change before
    // the beat at the same sample when it was listed first.
    std::stable_sort(out.begin(), out.end(), [](const Annotation& a, const Annotation& b) {
        return a.sample != b.sample ? a.sample < b.sample : a.channel < b.channel;
    });
    return out;
}

Result<std::vector<RecordCode>> EcgLabelDocument::recordCodes(const QByteArray& json,
                                                              const QString& source) {
    auto obj = parseObject(json, source);
    if (!obj)
        return obj.error();
    std::vector<RecordCode> out;
    const QJsonArray items = obj->value(QStringLiteral("labels")).toArray();
    for (int i = 0; i < items.size(); ++i) {
        const QJsonObject o = items[i].toObject();
        RecordCode c{o.value(QStringLiteral("code")).toString().trimmed(),
                     o.value(QStringLiteral("likelihood")).toDouble(100.0)};
        if (c.code.isEmpty())
            return fileError(source, QStringLiteral("label %1 has no \"code\"").arg(i));
        if (c.likelihood < 0 || c.likelihood > 100)
            return fileError(source, QStringLiteral("label %1: likelihood %2 is outside 0-100")
                                         .arg(i)
                                         .arg(c.likelihood));
        out.push_back(c);
    }
    return out;
}

} // namespace cardiolens::exports
