// Record labels: CinC 2021 SNOMED-CT codes named through the shipped table, PTB-XL SCP codes
// with likelihoods, superclasses and folds (fixture tables), CinC 2017 REFERENCE.csv.
#include "ecg/CsvText.h"
#include "ecg/PtbXlDatabase.h"
#include "ecg/RecordLabels.h"
#include "ecg/WfdbRecordReader.h"

#include "TestData.h"

#include <QtTest>

using namespace cardiolens;
using namespace cardiolens::ecg;

namespace {
const RecordLabel* find(const std::vector<RecordLabel>& labels, const QString& scheme,
                        const QString& code) {
    for (const auto& l : labels)
        if (l.scheme == scheme && l.code == code)
            return &l;
    return nullptr;
}
} // namespace

class TestRecordLabels : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void snomedTableCoversTheScoringTable() {
        QVERIFY(RecordLabels::snomedTableSize() >= 130);
        const char* scored[] = {"164889003", "164890007", "6374002",   "426627000", "733534002",
                                "713427006", "270492004", "713426002", "39732003",  "445118002",
                                "164909002", "251146004", "698252002", "426783006", "284470004",
                                "10370003",  "365413008", "427172004", "164947007", "111975006",
                                "164917005", "47665007",  "59118001",  "427393009", "426177001",
                                "427084000", "63593006",  "164934002", "59931005",  "17338001"};
        for (const char* code : scored)
            QVERIFY2(!RecordLabels::snomedName(QString::fromLatin1(code)).isEmpty(), code);
        QCOMPARE(RecordLabels::snomedName(QStringLiteral("426783006")),
                 QStringLiteral("sinus rhythm"));
        QCOMPARE(RecordLabels::snomedAbbreviation(QStringLiteral("59118001")),
                 QStringLiteral("RBBB"));
        QVERIFY(RecordLabels::snomedName(QStringLiteral("1")).isEmpty());
    }

    void cinc2021HeadersAreNamed() {
        CARDIOLENS_REQUIRE_SHARED(path, "ecg/cinc2021/E07500.hea");
        auto r = WfdbRecordReader::open(path);
        QVERIFY(r.ok());
        const auto* lae =
            find(r->labels, QStringLiteral("snomed-ct"), QStringLiteral("67741000119109"));
        QVERIFY(lae);
        QCOMPARE(lae->name, QStringLiteral("left atrial enlargement"));
        QCOMPARE(lae->category, QStringLiteral("LAE"));
        // Every code in the shipped CinC 2021 headers has a name.
        const QDir dir(QFileInfo(path).absoluteDir());
        for (const QString& hea : dir.entryList({QStringLiteral("*.hea")})) {
            auto rec = WfdbRecordReader::open(dir.filePath(hea));
            QVERIFY(rec.ok());
            QVERIFY(!rec->labels.empty());
            for (const auto& l : rec->labels)
                QVERIFY2(!l.name.isEmpty(), qPrintable(hea + QLatin1Char(' ') + l.code));
        }
    }

    void cinc2017Reference() {
        CARDIOLENS_REQUIRE_SHARED(path, "ecg/cinc2017/A00004.hea");
        auto r = WfdbRecordReader::open(path);
        QVERIFY(r.ok());
        QCOMPARE(r->labels.size(), std::size_t(1));
        QCOMPARE(r->labels[0].code, QStringLiteral("A"));
        QCOMPARE(r->labels[0].name, QStringLiteral("atrial fibrillation"));
    }

    void ptbXlTables() {
        auto db = PtbXlDatabase::load(test::fixture(QStringLiteral("ptbxl/ptbxl_database.csv")),
                                      test::fixture(QStringLiteral("ptbxl/scp_statements.csv")));
        QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error().describe()));
        QCOMPARE(db->size(), 3);
        const auto labels = db->labelsForRecord(QStringLiteral("00008_hr"));
        const auto* imi = find(labels, QStringLiteral("scp"), QStringLiteral("IMI"));
        QVERIFY(imi);
        QCOMPARE(imi->likelihood, 35.0);
        QCOMPARE(imi->category, QStringLiteral("MI"));
        QCOMPARE(imi->name, QStringLiteral("inferior myocardial infarction"));
        QVERIFY(find(labels, QStringLiteral("ptbxl-superclass"), QStringLiteral("MI")));
        const auto* fold = find(labels, QStringLiteral("ptbxl-fold"), QStringLiteral("10"));
        QVERIFY(fold);
        QCOMPARE(fold->name, QStringLiteral("test"));
        QVERIFY(find(labels, QStringLiteral("scp"), QStringLiteral("SR"))->category.isEmpty());
    }

    void ptbXlLabelsAttachToRecords() {
        // PTB-XL layout: tables at the root, records in records100/00000/.
        const QString root = QDir(test::scratchDir()).filePath(QStringLiteral("ptbxl"));
        const QString records = QDir(root).filePath(QStringLiteral("records100/00000"));
        QVERIFY(QDir().mkpath(records));
        for (const char* name : {"ptbxl_database.csv", "scp_statements.csv"})
            QFile::copy(test::fixture(QStringLiteral("ptbxl/") + QString::fromLatin1(name)),
                        QDir(root).filePath(QString::fromLatin1(name)));
        QFile hea(QDir(records).filePath(QStringLiteral("00001_lr.hea")));
        QVERIFY(hea.open(QIODevice::WriteOnly));
        hea.write("00001_lr 1 100 4\n00001_lr.dat 16 1000.0(0)/mV 16 0 0 0 0 I\n");
        hea.close();
        QFile dat(QDir(records).filePath(QStringLiteral("00001_lr.dat")));
        QVERIFY(dat.open(QIODevice::WriteOnly));
        dat.write(QByteArray(8, '\0'));
        dat.close();
        auto r = WfdbRecordReader::open(hea.fileName());
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().describe()));
        const auto* norm = find(r->labels, QStringLiteral("scp"), QStringLiteral("NORM"));
        QVERIFY(norm);
        QCOMPARE(norm->likelihood, 100.0);
        QCOMPARE(norm->category, QStringLiteral("NORM"));
        QVERIFY(find(r->labels, QStringLiteral("scp"), QStringLiteral("LVOLT")));
        QCOMPARE(find(r->labels, QStringLiteral("ptbxl-fold"), QStringLiteral("3"))->name,
                 QStringLiteral("train"));
    }

    void badPtbXlTablesAreErrors() {
        const QString bad = QDir(test::scratchDir()).filePath(QStringLiteral("bad.csv"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("a,b\n1,2\n");
        f.close();
        auto db =
            PtbXlDatabase::load(test::fixture(QStringLiteral("ptbxl/ptbxl_database.csv")), bad);
        QVERIFY(!db.ok());
        QCOMPARE(db.error().file, bad);
        QVERIFY(db.error().message.contains(QLatin1String("scp_statements")));
    }

    void csvTextQuoting() {
        const auto rows = parseCsvText("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\n1,\"multi\nline\",3");
        QCOMPARE(rows.size(), std::size_t(2));
        QCOMPARE(rows[0], (QStringList{"a", "b,c", "say \"hi\""}));
        QCOMPARE(rows[1][1], QStringLiteral("multi\nline"));
    }
};

QTEST_GUILESS_MAIN(TestRecordLabels)
#include "tst_RecordLabels.moc"
