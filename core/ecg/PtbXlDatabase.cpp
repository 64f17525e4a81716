#include "ecg/PtbXlDatabase.h"

#include "ecg/CsvText.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QRegularExpression>

#include <map>

namespace cardiolens::ecg {

namespace {

constexpr qint64 kMaxTableBytes = qint64(256) << 20;

Result<std::vector<QStringList>> readTable(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return fileError(path, QStringLiteral("cannot open: %1").arg(f.errorString()));
    if (f.size() > kMaxTableBytes)
        return fileError(path,
                         QStringLiteral("%1 bytes is too large for a PTB-XL table").arg(f.size()));
    auto rows = parseCsvText(f.readAll());
    if (rows.size() < 2)
        return fileError(path, QStringLiteral("table has no rows"));
    return rows;
}

int column(const QStringList& header, const QString& name) {
    return int(header.indexOf(name));
}

} // namespace

Result<PtbXlDatabase> PtbXlDatabase::load(const QString& databaseCsv,
                                          const QString& statementsCsv) {
    PtbXlDatabase db;
    auto statements = readTable(statementsCsv);
    if (!statements)
        return statements.error();
    const QStringList& sh = statements->front();
    const int desc = column(sh, QStringLiteral("description"));
    const int diag = column(sh, QStringLiteral("diagnostic"));
    const int form = column(sh, QStringLiteral("form"));
    const int rhythm = column(sh, QStringLiteral("rhythm"));
    const int cls = column(sh, QStringLiteral("diagnostic_class"));
    const int sub = column(sh, QStringLiteral("diagnostic_subclass"));
    if (desc < 0 || diag < 0 || cls < 0)
        return fileError(statementsCsv,
                         QStringLiteral("not scp_statements.csv: needs the columns "
                                        "description, diagnostic, diagnostic_class"));
    for (std::size_t i = 1; i < statements->size(); ++i) {
        const QStringList& r = (*statements)[i];
        if (r.size() != sh.size())
            return fileError(statementsCsv, QStringLiteral("row %1 has %2 fields, expected %3")
                                                .arg(i + 1)
                                                .arg(r.size())
                                                .arg(sh.size()));
        Statement s;
        s.description = r[desc];
        s.diagnostic = r[diag].toDouble() == 1.0;
        s.form = form >= 0 && r[form].toDouble() == 1.0;
        s.rhythm = rhythm >= 0 && r[rhythm].toDouble() == 1.0;
        s.diagnosticClass = r[cls];
        s.subclass = sub >= 0 ? r[sub] : QString();
        db.m_statements.insert(r[0], s); // The first (unnamed) column is the SCP code.
    }

    auto database = readTable(databaseCsv);
    if (!database)
        return database.error();
    const QStringList& dh = database->front();
    const int id = column(dh, QStringLiteral("ecg_id"));
    const int codes = column(dh, QStringLiteral("scp_codes"));
    const int fold = column(dh, QStringLiteral("strat_fold"));
    const int lr = column(dh, QStringLiteral("filename_lr"));
    const int hr = column(dh, QStringLiteral("filename_hr"));
    if (id < 0 || codes < 0 || fold < 0)
        return fileError(databaseCsv, QStringLiteral("not ptbxl_database.csv: needs the columns "
                                                     "ecg_id, scp_codes, strat_fold"));
    for (std::size_t i = 1; i < database->size(); ++i) {
        const QStringList& r = (*database)[i];
        if (r.size() != dh.size())
            return fileError(databaseCsv, QStringLiteral("row %1 has %2 fields, expected %3")
                                              .arg(i + 1)
                                              .arg(r.size())
                                              .arg(dh.size()));
        bool ok = false;
        const int ecgId = int(r[id].toDouble(&ok));
        if (!ok)
            return fileError(databaseCsv,
                             QStringLiteral("row %1: bad ecg_id '%2'").arg(i + 1).arg(r[id]));
        Row row;
        row.scpCodes = r[codes];
        row.fold = int(r[fold].toDouble());
        db.m_rows.insert(ecgId, row);
        for (int c : {lr, hr})
            if (c >= 0 && !r[c].isEmpty())
                db.m_idByFile.insert(QFileInfo(r[c]).fileName(), ecgId);
    }
    return db;
}

std::vector<RecordLabel> PtbXlDatabase::labelsFor(int ecgId) const {
    std::vector<RecordLabel> labels;
    const auto it = m_rows.constFind(ecgId);
    if (it == m_rows.constEnd())
        return labels;
    static const QRegularExpression pair(QStringLiteral("'([^']+)'\\s*:\\s*([-0-9.eE+]+)"));
    std::map<QString, double> superclasses; // Highest likelihood among its statements.
    for (auto m = pair.globalMatch(it->scpCodes); m.hasNext();) {
        const auto match = m.next();
        RecordLabel l;
        l.scheme = QStringLiteral("scp");
        l.code = match.captured(1);
        l.likelihood = match.captured(2).toDouble();
        const auto s = m_statements.constFind(l.code);
        if (s != m_statements.constEnd()) {
            l.name = s->description;
            if (s->diagnostic && !s->diagnosticClass.isEmpty()) {
                l.category = s->diagnosticClass;
                double& best =
                    superclasses.try_emplace(s->diagnosticClass, l.likelihood).first->second;
                best = std::max(best, l.likelihood);
            }
        }
        labels.push_back(l);
    }
    for (const auto& [name, likelihood] : superclasses) {
        RecordLabel l;
        l.scheme = QStringLiteral("ptbxl-superclass");
        l.code = name;
        l.name = name;
        l.likelihood = likelihood;
        labels.push_back(l);
    }
    RecordLabel fold;
    fold.scheme = QStringLiteral("ptbxl-fold");
    fold.code = QString::number(it->fold);
    fold.name = it->fold == 10  ? QStringLiteral("test")
                : it->fold == 9 ? QStringLiteral("validation")
                                : QStringLiteral("train");
    labels.push_back(fold);
    return labels;
}

std::vector<RecordLabel> PtbXlDatabase::labelsForRecord(const QString& recordName) const {
    const auto it = m_idByFile.constFind(recordName);
    if (it != m_idByFile.constEnd())
        return labelsFor(*it);
    return {};
}

std::optional<PtbXlDatabase> PtbXlDatabase::findFor(const QString& headerPath,
                                                    QStringList& warnings) {
    QDir dir = QFileInfo(headerPath).absoluteDir();
    for (int up = 0; up <= 3; ++up) {
        const QString database = dir.filePath(QStringLiteral("ptbxl_database.csv"));
        const QString statements = dir.filePath(QStringLiteral("scp_statements.csv"));
        if (QFileInfo::exists(database) && QFileInfo::exists(statements)) {
            static QMutex mutex;
            static std::map<QString, std::optional<PtbXlDatabase>> cache;
            const QMutexLocker lock(&mutex);
            const QString key =
                database + QLatin1Char('@') +
                QString::number(QFileInfo(database).lastModified().toMSecsSinceEpoch());
            auto it = cache.find(key);
            if (it == cache.end()) {
                auto loaded = load(database, statements);
                if (!loaded)
                    warnings << QStringLiteral("PTB-XL labels not read: %1")
                                    .arg(loaded.error().describe());
                it = cache
                         .emplace(key, loaded ? std::optional<PtbXlDatabase>(loaded.value())
                                              : std::nullopt)
                         .first;
            }
            return it->second;
        }
        if (!dir.cdUp())
            break;
    }
    return std::nullopt;
}

} // namespace cardiolens::ecg
