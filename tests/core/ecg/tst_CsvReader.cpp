// CSV ECG tables: Kaggle heartbeat rows (187 samples + class), generic columns with and
// without a time column, and the errors for NaN, text and ragged rows.
#include "ecg/CsvReader.h"
#include "ecg/EcgReader.h"

#include "TestData.h"

#include <QtTest>

#include <cmath>

using namespace cardiolens;
using namespace cardiolens::ecg;

namespace {
QString save(const QString& name, const QByteArray& bytes) {
    const QString path = QDir(test::scratchDir()).filePath(name);
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(bytes);
    return path;
}

// Rows as numpy.savetxt writes the Kaggle files: "%.18e", comma separated.
QByteArray kaggleRows(const std::vector<int>& labels) {
    QByteArray out;
    for (std::size_t r = 0; r < labels.size(); ++r) {
        for (int k = 0; k < 187; ++k) {
            const double v = k < 120 ? std::fmod(0.01 * k + 0.1 * double(r), 1.0) : 0.0;
            out += QByteArray::number(v, 'e', 18) + ',';
        }
        out += QByteArray::number(double(labels[r]), 'e', 18) + '\n';
    }
    return out;
}

QString describe(const Result<EcgRecord>& r) {
    return r.ok() ? QString() : r.error().describe();
}
} // namespace

class TestCsvReader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void kaggleMitBihRows() {
        const QString path = save(QStringLiteral("mitbih_test.csv"), kaggleRows({0, 2, 4}));
        auto rec = EcgReader::open(path);
        QVERIFY2(rec.ok(), qPrintable(describe(rec)));
        QCOMPARE(rec->frameRate, 125.0);
        QCOMPARE(rec->leadCount(), 1);
        QCOMPARE(rec->frameCount, 3 * 187);
        const auto v = rec->physical(0, 187 + 10, 1); // Row 1, sample 10: 0.1 + 0.1.
        QVERIFY(std::abs(v.front() - 0.2f) < 1e-6);
        QCOMPARE(rec->raw(0, 186, 1).front(), 0); // Zero padding at the row's end.
        const auto& items = rec->annotations.front().items;
        QCOMPARE(items.size(), std::size_t(3));
        QCOMPARE(items[1].sample, 187);
        QCOMPARE(AnnotationCodes::mnemonic(items[0].code), QStringLiteral("N"));
        QCOMPARE(AnnotationCodes::mnemonic(items[1].code), QStringLiteral("V"));
        QCOMPARE(AnnotationCodes::mnemonic(items[2].code), QStringLiteral("Q"));
    }

    void kagglePtbRows() {
        const QString path = save(QStringLiteral("ptbdb_abnormal.csv"), kaggleRows({1, 1}));
        auto rec = CsvReader::open(path);
        QVERIFY2(rec.ok(), qPrintable(describe(rec)));
        QCOMPARE(rec->annotations.front().items[0].aux, QByteArray("abnormal"));
    }

    void genericWithTimeColumn() {
        QByteArray text = "time,I (mV),II [uV]\r\n";
        for (int i = 0; i < 10; ++i)
            text += QByteArray::number(i * 0.002, 'f', 3) + ',' + QByteArray::number(0.125 * i) +
                    ',' + QByteArray::number(-10 * i) + "\r\n";
        auto rec = EcgReader::open(save(QStringLiteral("generic.csv"), text));
        QVERIFY2(rec.ok(), qPrintable(describe(rec)));
        QCOMPARE(rec->frameRate, 500.0);
        QCOMPARE(rec->leadCount(), 2);
        QCOMPARE(rec->leads[0].name, QStringLiteral("I"));
        QCOMPARE(rec->leads[0].units, QStringLiteral("mV"));
        QCOMPARE(rec->leads[1].units, QStringLiteral("uV"));
        QCOMPARE(rec->physical(0, 3, 1).front(), 0.375f);
        QCOMPARE(rec->physical(1, 9, 1).front(), -90.0f);
        QVERIFY(rec->warnings.isEmpty());
    }

    void millisecondTimeAndSemicolons() {
        const QByteArray text = "Time (ms);V1\n0;1\n4;2\n8;3\n";
        auto rec = CsvReader::open(save(QStringLiteral("ms.csv"), text));
        QVERIFY2(rec.ok(), qPrintable(describe(rec)));
        QCOMPARE(rec->frameRate, 250.0);
        QCOMPARE(rec->leads[0].name, QStringLiteral("V1"));
    }

    void noTimeColumnNeedsARate() {
        const QByteArray text = "I,II\n1,2\n3,4\n";
        auto rec = CsvReader::open(save(QStringLiteral("notime.csv"), text));
        QVERIFY(rec.ok());
        QCOMPARE(rec->frameRate, 250.0);
        QCOMPARE(rec->warnings.size(), 1);
        CsvReader::Options o;
        o.samplingRate = 360;
        rec = CsvReader::open(save(QStringLiteral("notime.csv"), text), o);
        QCOMPARE(rec->frameRate, 360.0);
        QVERIFY(rec->warnings.isEmpty());
    }

    void badCellsAreErrors() {
        const struct {
            const char* name;
            QByteArray text;
            const char* expect;
        } cases[] = {
            {"nan.csv", "time,I\n0,1\n0.004,NaN\n", "row 3, column 2 (I): 'NaN' is not a number"},
            {"text.csv", "time,I\n0,1\n0.004,abc\n", "'abc' is not a number"},
            {"blank.csv", "time,I\n0,1\n0.004,\n", "'' is not a number"},
            {"ragged.csv", "time,I\n0,1\n0.004,1,2\n", "row 3 has 3 columns, expected 2"},
            {"empty.csv", "", "empty CSV"},
            {"header.csv", "time,I\n", "no data rows"},
            {"back.csv", "time,I\n0,1\n0.004,2\n0.002,3\n", "backwards"},
            {"inf.csv", "I\n1\ninf\n", "'inf' is not a number"},
            {"bin.csv", QByteArray("I\n\0\1", 4), "binary"},
        };
        for (const auto& c : cases) {
            auto r = EcgReader::open(save(QString::fromLatin1(c.name), c.text));
            QVERIFY2(!r.ok(), c.name);
            QVERIFY2(r.error().message.contains(QLatin1String(c.expect)),
                     qPrintable(r.error().describe()));
            QVERIFY(r.error().file.endsWith(QLatin1String(c.name)));
        }
    }
};

QTEST_GUILESS_MAIN(TestCsvReader)
#include "tst_CsvReader.moc"
