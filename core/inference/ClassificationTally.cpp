#include "inference/ClassificationTally.h"

#include <QJsonArray>

namespace cardiolens::inference {

ClassificationTally::ClassificationTally(QStringList classes)
    : m_classes(std::move(classes)), m_matrix(std::size_t(m_classes.size() * m_classes.size()), 0),
      m_missed(std::size_t(m_classes.size()), 0), m_extra(std::size_t(m_classes.size()), 0) {}

void ClassificationTally::add(int reference, int predicted) {
    const int n = int(m_classes.size());
    const bool ref = reference >= 0 && reference < n;
    const bool pred = predicted >= 0 && predicted < n;
    if (ref && pred)
        ++m_matrix[std::size_t(reference * n + predicted)];
    else if (ref)
        ++m_missed[std::size_t(reference)];
    else if (pred)
        ++m_extra[std::size_t(predicted)];
}

ClassificationTally& ClassificationTally::operator+=(const ClassificationTally& other) {
    if (m_classes.isEmpty()) // A default-constructed tally takes the first one's classes.
        *this = ClassificationTally(other.m_classes);
    if (other.m_classes != m_classes)
        return *this; // Different models: nothing sensible to add.
    for (std::size_t i = 0; i < m_matrix.size(); ++i)
        m_matrix[i] += other.m_matrix[i];
    for (std::size_t i = 0; i < m_missed.size(); ++i) {
        m_missed[i] += other.m_missed[i];
        m_extra[i] += other.m_extra[i];
    }
    return *this;
}

std::int64_t ClassificationTally::count(int reference, int predicted) const {
    return m_matrix[std::size_t(reference * int(m_classes.size()) + predicted)];
}

std::int64_t ClassificationTally::referenceCount(int cls) const {
    std::int64_t s = m_missed[std::size_t(cls)];
    for (int p = 0; p < m_classes.size(); ++p)
        s += count(cls, p);
    return s;
}

std::int64_t ClassificationTally::predictedCount(int cls) const {
    std::int64_t s = m_extra[std::size_t(cls)];
    for (int r = 0; r < m_classes.size(); ++r)
        s += count(r, cls);
    return s;
}

std::int64_t ClassificationTally::total() const {
    std::int64_t s = 0;
    for (std::int64_t v : m_matrix)
        s += v;
    return s;
}

double ClassificationTally::accuracy() const {
    std::int64_t right = 0;
    for (int c = 0; c < m_classes.size(); ++c)
        right += count(c, c);
    const std::int64_t n = total();
    return n ? double(right) / double(n) : 0.0;
}

namespace {
QJsonValue ratio(std::int64_t num, std::int64_t den) {
    return den ? QJsonValue(double(num) / double(den)) : QJsonValue(QJsonValue::Null);
}
} // namespace

QJsonObject ClassificationTally::toJson() const {
    const int n = int(m_classes.size());
    QJsonArray confusion;
    QJsonObject perClass;
    std::int64_t missed = 0, extra = 0;
    for (int r = 0; r < n; ++r) {
        QJsonArray row;
        for (int p = 0; p < n; ++p)
            row.append(qint64(count(r, p)));
        confusion.append(row);
        const std::int64_t tp = count(r, r), ref = referenceCount(r), pred = predictedCount(r);
        perClass[m_classes[r]] = QJsonObject{{QStringLiteral("reference"), qint64(ref)},
                                             {QStringLiteral("predicted"), qint64(pred)},
                                             {QStringLiteral("tp"), qint64(tp)},
                                             {QStringLiteral("sensitivity"), ratio(tp, ref)},
                                             {QStringLiteral("ppv"), ratio(tp, pred)},
                                             {QStringLiteral("f1"), ratio(2 * tp, ref + pred)}};
        missed += m_missed[std::size_t(r)];
        extra += m_extra[std::size_t(r)];
    }
    return QJsonObject{{QStringLiteral("classes"), QJsonArray::fromStringList(m_classes)},
                       {QStringLiteral("confusion_rows_reference_cols_predicted"), confusion},
                       {QStringLiteral("per_class"), perClass},
                       {QStringLiteral("accuracy"), accuracy()},
                       {QStringLiteral("total"), qint64(total())},
                       {QStringLiteral("missed"), qint64(missed)},
                       {QStringLiteral("extra"), qint64(extra)}};
}

} // namespace cardiolens::inference
