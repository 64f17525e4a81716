#include "export/PatientFolds.h"

#include <algorithm>
#include <random>

namespace cardiolens::exports {

PatientFolds::PatientFolds(QStringList patients, int folds, int seed) : m_folds(folds) {
    patients.sort();
    patients.removeDuplicates();
    // std::mt19937 is specified bit for bit; the shuffle is written out so the folds do not
    // depend on the standard library's std::shuffle.
    std::mt19937 rng(static_cast<std::uint32_t>(seed));
    for (qsizetype i = patients.size() - 1; i > 0; --i) {
        const auto j = qsizetype(rng() % std::uint32_t(i + 1));
        patients.swapItemsAt(i, j);
    }
    for (qsizetype i = 0; i < patients.size(); ++i)
        m_fold[patients[i]] = int(i % folds);
}

int PatientFolds::foldOf(const QString& patient) const {
    auto it = m_fold.find(patient);
    return it == m_fold.end() ? -1 : it->second;
}

} // namespace cardiolens::exports
