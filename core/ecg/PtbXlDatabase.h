#pragma once

#include "common/Result.h"
#include "ecg/EcgRecord.h"

#include <QHash>

#include <optional>

namespace cardiolens::ecg {

/// PTB-XL's metadata: ptbxl_database.csv (one row per ECG: scp_codes with likelihoods,
/// strat_fold, file names) joined with scp_statements.csv (SCP code descriptions and
/// diagnostic classes). Labels per record: every SCP code (scheme "scp", likelihood in %,
/// category = diagnostic superclass for diagnostic statements), the superclasses
/// themselves ("ptbxl-superclass") and the recommended fold ("ptbxl-fold"; 9 and 10 are
/// the validation and test folds).
class PtbXlDatabase {
public:
    static Result<PtbXlDatabase> load(const QString& databaseCsv, const QString& statementsCsv);
    /// The database found beside the record header or up to three folders above it
    /// (PTB-XL keeps records in records100/00000/); cached per path. Empty optional if none.
    static std::optional<PtbXlDatabase> findFor(const QString& headerPath, QStringList& warnings);

    /// Labels of the ECG whose file name (e.g. "00001_lr" or "00001_hr") or ecg_id matches.
    std::vector<RecordLabel> labelsForRecord(const QString& recordName) const;
    std::vector<RecordLabel> labelsFor(int ecgId) const;
    int size() const { return int(m_rows.size()); }

private:
    struct Row {
        QString scpCodes; ///< Python dict text: "{'NORM': 100.0, 'SR': 0.0}".
        int fold = 0;
    };
    struct Statement {
        QString description;
        QString diagnosticClass; ///< Superclass: NORM, MI, STTC, CD, HYP (diagnostic only).
        QString subclass;
        bool diagnostic = false, form = false, rhythm = false;
    };
    QHash<int, Row> m_rows;
    QHash<QString, int> m_idByFile; ///< "00001_lr" -> 1.
    QHash<QString, Statement> m_statements;
};

} // namespace cardiolens::ecg
