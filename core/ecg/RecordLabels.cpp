#include "ecg/RecordLabels.h"

#include "ecg/CsvText.h"
#include "ecg/PtbXlDatabase.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>

static void initEcgTables() {
    Q_INIT_RESOURCE(ecg_tables);
}

namespace cardiolens::ecg {

namespace {

struct SnomedEntry {
    QString abbreviation, name;
};

const QHash<QString, SnomedEntry>& snomedTable() {
    static const QHash<QString, SnomedEntry> table = [] {
        initEcgTables();
        QHash<QString, SnomedEntry> t;
        QFile f(QStringLiteral(":/ecg/snomed_ct_cinc.csv"));
        if (!f.open(QIODevice::ReadOnly))
            return t;
        QByteArray text;
        for (const QByteArray& line : f.readAll().split('\n'))
            if (!line.startsWith('#'))
                text += line + '\n';
        const auto rows = parseCsvText(text);
        for (std::size_t i = 1; i < rows.size(); ++i)
            if (rows[i].size() >= 3)
                t.insert(rows[i][0], SnomedEntry{rows[i][1], rows[i][2]});
        return t;
    }();
    return table;
}

std::vector<RecordLabel> cinc2017Reference(const QString& recordName, const QString& headerPath) {
    const QString path =
        QFileInfo(headerPath).absoluteDir().filePath(QStringLiteral("REFERENCE.csv"));
    QFile f(path);
    if (f.size() > (1 << 22) || !f.open(QIODevice::ReadOnly))
        return {};
    static const QHash<QString, QString> names = {
        {QStringLiteral("N"), QStringLiteral("normal rhythm")},
        {QStringLiteral("A"), QStringLiteral("atrial fibrillation")},
        {QStringLiteral("O"), QStringLiteral("other rhythm")},
        {QStringLiteral("~"), QStringLiteral("too noisy to classify")}};
    for (const QStringList& row : parseCsvText(f.readAll())) {
        if (row.size() >= 2 && row[0].trimmed() == recordName) {
            RecordLabel l;
            l.scheme = QStringLiteral("cinc2017");
            l.code = row[1].trimmed();
            l.name = names.value(l.code);
            return {l};
        }
    }
    return {};
}

} // namespace

std::vector<RecordLabel> RecordLabels::fromWfdbComments(const QStringList& comments) {
    std::vector<RecordLabel> labels;
    static const QRegularExpression dx(QStringLiteral("^\\s*Dx\\s*:\\s*(.*)$"),
                                       QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression separators(QStringLiteral("[,;\\s]+"));
    for (const QString& c : comments) {
        const auto m = dx.match(c);
        if (!m.hasMatch())
            continue;
        for (const QString& part : m.captured(1).split(separators, Qt::SkipEmptyParts)) {
            RecordLabel l;
            l.scheme = QStringLiteral("snomed-ct");
            l.code = part;
            l.name = snomedName(part);
            l.category = snomedAbbreviation(part);
            labels.push_back(l);
        }
    }
    return labels;
}

std::vector<RecordLabel> RecordLabels::forWfdbRecord(const QString& recordName,
                                                     const QStringList& comments,
                                                     const QString& headerPath,
                                                     QStringList& warnings) {
    std::vector<RecordLabel> labels = fromWfdbComments(comments);
    if (auto db = PtbXlDatabase::findFor(headerPath, warnings)) {
        const auto more = db->labelsForRecord(recordName);
        labels.insert(labels.end(), more.begin(), more.end());
    }
    const auto ref = cinc2017Reference(recordName, headerPath);
    labels.insert(labels.end(), ref.begin(), ref.end());
    return labels;
}

QString RecordLabels::snomedName(const QString& code) {
    return snomedTable().value(code).name;
}

QString RecordLabels::snomedAbbreviation(const QString& code) {
    return snomedTable().value(code).abbreviation;
}

int RecordLabels::snomedTableSize() {
    return int(snomedTable().size());
}

} // namespace cardiolens::ecg
