#pragma once

#include <QJsonObject>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace cardiolens::inference {

/// A confusion matrix over a model's classes, with the per-class figures cardiology papers
/// report: sensitivity (Se), positive predictivity (+P) and F1 = 2 TP / (reference + predicted)
/// (the CinC 2017 definition). Items the model never labelled (a reference beat with no
/// detection) count against the reference class as "missed"; labels with no reference item (an
/// extra detection) count against the predicted class as "extra".
class ClassificationTally {
public:
    explicit ClassificationTally(QStringList classes = {});

    const QStringList& classes() const { return m_classes; }
    /// \a reference / \a predicted: class indices, or -1 for none (missed / extra).
    void add(int reference, int predicted);
    /// Adds another tally over the same classes (totals over several records).
    ClassificationTally& operator+=(const ClassificationTally& other);

    std::int64_t count(int reference, int predicted) const;
    std::int64_t referenceCount(int cls) const;
    std::int64_t predictedCount(int cls) const;
    std::int64_t total() const; ///< Pairs with both a reference and a prediction.
    double accuracy() const;    ///< Of those pairs; 0 when there are none.

    /// {"classes", "confusion" (rows reference, columns predicted), "per_class": {code:
    /// {reference, predicted, tp, sensitivity, ppv, f1}}, "accuracy", "total", "missed",
    /// "extra"}; a ratio with an empty denominator is null.
    QJsonObject toJson() const;

private:
    QStringList m_classes;
    std::vector<std::int64_t> m_matrix; ///< classes x classes.
    std::vector<std::int64_t> m_missed; ///< Per reference class.
    std::vector<std::int64_t> m_extra;  ///< Per predicted class.
};

} // namespace cardiolens::inference
