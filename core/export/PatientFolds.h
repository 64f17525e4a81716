#pragma once

#include <QString>
#include <QStringList>

#include <map>

namespace cardiolens::exports {

/// Patient-level folds, as nnU-Net's ACDC converter makes them: the distinct patients are
/// sorted, shuffled with a fixed seed, and patient i goes to fold i mod k, so every frame of
/// a patient lands in the same fold (a model is never validated on a patient it saw).
class PatientFolds {
public:
    PatientFolds(QStringList patients, int folds, int seed);

    int folds() const { return m_folds; }
    /// 0-based fold of \a patient (-1 when unknown).
    int foldOf(const QString& patient) const;

private:
    int m_folds;
    std::map<QString, int> m_fold;
};

} // namespace cardiolens::exports
