#include "inference/ResultDetailsText.h"

#include "imaging/CardiacLabel.h"

#include <QHash>
#include <QJsonArray>

namespace cardiolens::widgets {

namespace {
QString number(const QJsonObject& o, const char* key, int decimals) {
    return QString::number(o.value(QLatin1String(key)).toDouble(), 'f', decimals);
}
} // namespace

// A number, string, flag or short list of them; empty for anything else.
QString ResultDetailsText::scalarText(const QJsonValue& v) {
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 4);
    if (v.isString())
        return v.toString();
    if (v.isBool())
        return v.toBool() ? tr("yes") : tr("no");
    if (v.isArray() && !v.toArray().isEmpty() && v.toArray().size() <= 8) {
        QStringList parts;
        for (const QJsonValue& e : v.toArray()) {
            const QString part = scalarText(e);
            if (part.isEmpty())
                return {};
            parts << part;
        }
        return parts.join(QStringLiteral(", "));
    }
    return {};
}

QString ResultDetailsText::cineMetricsLine(const QJsonObject& m) {
    // Phases as the viewer shows them (1-based).
    return tr("LV from the prediction: EF %1 %, EDV %2 ml, ESV %3 ml, mass %4 g "
              "(ED phase %5, ES phase %6)")
        .arg(number(m, "lv_ef_percent", 1), number(m, "lv_edv_ml", 0), number(m, "lv_esv_ml", 0),
             number(m, "lv_mass_g", 0))
        .arg(m.value(QStringLiteral("ed_phase")).toInt() + 1)
        .arg(m.value(QStringLiteral("es_phase")).toInt() + 1);
}

QString ResultDetailsText::lvAreaLine(const QJsonObject& a) {
    if (!a.contains(QStringLiteral("ed_frame")))
        return tr("No LV blood pool in any frame");
    QString line = tr("LV area: ED %1 mm² (frame %2), ES %3 mm² (frame %4), FAC %5 %")
                       .arg(number(a, "ed_area_mm2", 0))
                       .arg(a.value(QStringLiteral("ed_frame")).toInt() + 1)
                       .arg(number(a, "es_area_mm2", 0))
                       .arg(a.value(QStringLiteral("es_frame")).toInt() + 1)
                       .arg(number(a, "fractional_area_change_percent", 1));
    if (a.contains(QStringLiteral("lv_ef_percent")))
        line += tr("; area-length EF %1 %").arg(number(a, "lv_ef_percent", 1));
    return line;
}

QString ResultDetailsText::agreementLine(const QJsonObject& g) {
    QStringList parts;
    const QJsonObject labels = g.value(QStringLiteral("labels")).toObject();
    for (auto it = labels.begin(); it != labels.end(); ++it) {
        const QJsonObject l = it.value().toObject();
        const auto label = imaging::cardiacLabelFromKey(it.key());
        parts << tr("%1 %2 (%3 frames)")
                     .arg(QString::fromUtf8(imaging::cardiacLabelInfo(label).name),
                          number(l, "dice", 3))
                     .arg(l.value(QStringLiteral("frames_scored")).toInt());
    }
    return tr("Dice against the reference: %1").arg(parts.join(QStringLiteral(", ")));
}

QStringList ResultDetailsText::describe(const QJsonObject& details) {
    static const QStringList shownElsewhere = {
        QStringLiteral("beat_counts"), QStringLiteral("thresholds"),
        QStringLiteral("frame_uncertainty"), QStringLiteral("uncertain_beat_threshold")};
    // Readable names for the keys every run of a task has; others print as they are.
    const QHash<QString, QString> names = {
        {QStringLiteral("beats_from"), tr("Beats from")},
        {QStringLiteral("above_threshold"), tr("Above threshold")},
        {QStringLiteral("stage"), tr("Stage")}};
    QStringList lines;
    for (auto it = details.begin(); it != details.end(); ++it) {
        const QString& key = it.key();
        if (shownElsewhere.contains(key))
            continue;
        if (key == QLatin1String("cine_metrics")) {
            lines << cineMetricsLine(it.value().toObject());
        } else if (key == QLatin1String("lv_area")) {
            lines << lvAreaLine(it.value().toObject());
        } else if (key == QLatin1String("agreement")) {
            lines << agreementLine(it.value().toObject());
        } else if (key == QLatin1String("uncertain_beats")) {
            lines << tr("%1 beats with uncertainty above %2 (review these first)")
                         .arg(it.value().toInt())
                         .arg(details.value(QStringLiteral("uncertain_beat_threshold")).toDouble());
        } else if (const QString text = scalarText(it.value()); !text.isEmpty()) {
            lines << QStringLiteral("%1: %2").arg(names.value(key, key), text);
        } else if (it.value().isObject()) {
            const QJsonObject o = it.value().toObject();
            for (auto jt = o.begin(); jt != o.end(); ++jt)
                if (const QString inner = scalarText(jt.value()); !inner.isEmpty())
                    lines << QStringLiteral("%1.%2: %3").arg(key, jt.key(), inner);
        }
    }
    return lines;
}

} // namespace cardiolens::widgets
