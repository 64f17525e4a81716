#include "ecg/RecordLabels.h"

#include <QRegularExpression>

namespace cardiolens::ecg {

std::vector<RecordLabel> RecordLabels::fromWfdbComments(const QStringList& comments) {
    std::vector<RecordLabel> labels;
    static const QRegularExpression dx(QStringLiteral("^\\s*Dx\\s*:\\s*(.*)$"),
                                       QRegularExpression::CaseInsensitiveOption);
    for (const QString& c : comments) {
        const auto m = dx.match(c);
        if (!m.hasMatch())
            continue;
        for (const QString& part : m.captured(1).split(
                 QRegularExpression(QStringLiteral("[,;\\s]+")), Qt::SkipEmptyParts)) {
            RecordLabel l;
            l.scheme = QStringLiteral("snomed-ct");
            l.code = part;
            l.name = snomedName(part);
            labels.push_back(l);
        }
    }
    return labels;
}

QString RecordLabels::snomedName(const QString& code) {
    Q_UNUSED(code);
    return {};
}

} // namespace cardiolens::ecg
