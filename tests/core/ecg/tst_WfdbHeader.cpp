#include "ecg/WfdbHeader.h"

#include "TestData.h"

#include <QtTest>

using namespace cardiolens;
using namespace cardiolens::ecg;

class TestWfdbHeader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void commentBeforeRecordLineAndTrailingComments() {
        const QString text = QStringLiteral("# unnecessary comment\n100 2 360 650000\n"
                                            "100.dat 212 200 11 1024 995 -22131 0 MLII\n"
                                            "100.dat 212 200 11 1024 1011 20052 0 V5\n# 69 M\n");
        auto h = WfdbHeaderParser::parse(text, QStringLiteral("100.hea"));
        QVERIFY2(h.ok(), qPrintable(h.ok() ? QString() : h.error().describe()));
        QCOMPARE(h->recordName, QStringLiteral("100"));
        QCOMPARE(h->signalCount, 2);
        QCOMPARE(h->samplingFrequency, 360.0);
        QCOMPARE(h->samplesPerSignal, 650000);
        QCOMPARE(h->signalSpecs.size(), std::size_t(2));
        QCOMPARE(h->signalSpecs[1].description, QStringLiteral("V5"));
        QCOMPARE(h->signalSpecs[0].format, 212);
        QCOMPARE(h->signalSpecs[0].baseline, 1024); // defaults to ADC zero
        QCOMPARE(*h->signalSpecs[0].checksum, -22131);
        QCOMPARE(h->comments,
                 QStringList({QStringLiteral("unnecessary comment"), QStringLiteral("69 M")}));
    }

    void matFormatWithOffsetAndUnits() {
        const QString text = QStringLiteral("A00001 1 300 9000 2014-05-08 05:05:15 \n"
                                            "A00001.mat 16+24 1000/mV 16 0 -127 0 0 ECG \n");
        auto h = WfdbHeaderParser::parse(text, QStringLiteral("A00001.hea"));
        QVERIFY(h.ok());
        const auto& s = h->signalSpecs[0];
        QCOMPARE(s.format, 16);
        QCOMPARE(s.byteOffset, 24);
        QCOMPARE(s.adcGain, 1000.0);
        QCOMPARE(s.units, QStringLiteral("mV"));
        QVERIFY(!s.checksum.has_value()); // 0 means "not computed"
        // CinC 2017 writes the date first and in ISO form: the swap is tolerated.
        QVERIFY(h->baseTime.has_value() || !h->warnings.isEmpty());
    }

    void gainWithBaselineAndSamplesPerFrame() {
        const QString text =
            QStringLiteral("E1 1 500 5000\nE1.mat 16x2+24 1000.0(-5)/uV 16 0 -68 1250 0 I\n");
        auto h = WfdbHeaderParser::parse(text, QStringLiteral("E1.hea"));
        QVERIFY(h.ok());
        QCOMPARE(h->signalSpecs[0].samplesPerFrame, 2);
        QCOMPARE(h->signalSpecs[0].baseline, -5);
        QCOMPARE(h->signalSpecs[0].units, QStringLiteral("uV"));
    }

    void oddDateFormsOfCinC() {
        const struct {
            const char* line;
            QDate date;
            QTime time;
        } cases[] = {
            {"A00001 1 300 9000 2014-05-08 05:05:15", QDate(2014, 5, 8), QTime(5, 5, 15)},
            {"A0001 1 500 7500 05-Feb-2020 11:39:16", QDate(2020, 2, 5), QTime(11, 39, 16)},
            {"r 1 500 10 11:39:16 05/02/2020", QDate(2020, 2, 5), QTime(11, 39, 16)},
            {"r 1 500 10 9:5:3 1.2.2003", QDate(2003, 2, 1), QTime(9, 5, 3)},
            {"r 1 500 10 10:20:30.123456 2003-02-01", QDate(2003, 2, 1), QTime(10, 20, 30, 123)},
            {"r 1 500 10 NaN NaN", QDate(), QTime()},
        };
        for (const auto& c : cases) {
            const QString text = QString::fromLatin1(c.line) + QStringLiteral("\nr.mat 16+24\n");
            auto h = WfdbHeaderParser::parse(text, QStringLiteral("r.hea"));
            QVERIFY2(h.ok(), c.line);
            QCOMPARE(h->baseDate.value_or(QDate()), c.date);
            QCOMPARE(h->baseTime.value_or(QTime()), c.time);
        }
    }

    void commentsAnywhere() {
        const QString text = QStringLiteral("# before\n\nrec 2 250\n# between\n"
                                            "rec.dat 16 200 12 0 0 0 0 I\n\n  # indented\n"
                                            "rec.dat 16 200 12 0 0 0 0 II\n# Dx: 164889003\n");
        auto h = WfdbHeaderParser::parse(text, QStringLiteral("rec.hea"));
        QVERIFY(h.ok());
        QCOMPARE(h->signalSpecs.size(), std::size_t(2));
        QCOMPARE(h->comments.size(), 4);
        QCOMPARE(h->samplesPerSignal, 0);
    }

    void rejectsBadInputWithFileName() {
        const struct {
            const char* text;
            const char* expect;
        } cases[] = {
            {"", "no record line"},
            {"# only comments\n", "no record line"},
            {"rec two 360\n", "signal count"},
            {"rec 2 360 1000\nrec.dat 212 200\n", "promises 2 signals"},
            {"rec 1 abc\nrec.dat 16\n", "sampling frequency"},
            {"rec 1 360 -5\nrec.dat 16\n", "sample count"},
            {"rec 1 360\nrec.dat sixteen\n", "format field"},
            {"rec 99999 360\n", "implausible"},
        };
        for (const auto& c : cases) {
            auto h =
                WfdbHeaderParser::parse(QString::fromLatin1(c.text), QStringLiteral("bad.hea"));
            QVERIFY2(!h.ok(), c.text);
            QCOMPARE(h.error().file, QStringLiteral("bad.hea"));
            QVERIFY2(h.error().message.contains(QLatin1String(c.expect)),
                     qPrintable(h.error().message));
        }
    }

    void binaryFileIsRefused() {
        QTemporaryFile f;
        QVERIFY(f.open());
        f.write(QByteArray("\x00\x01\x02garbage", 10));
        f.close();
        auto h = WfdbHeaderParser::parseFile(f.fileName());
        QVERIFY(!h.ok());
        QVERIFY(h.error().message.contains(QLatin1String("binary")));
    }

    void everySharedHeaderParses() {
        const QString root = test::shared(QStringLiteral("ecg"));
        if (root.isEmpty())
            QSKIP("shared ECG data not available");
        QDirIterator it(root, {QStringLiteral("*.hea")}, QDir::Files, QDirIterator::Subdirectories);
        int count = 0;
        while (it.hasNext()) {
            const QString path = it.next();
            auto h = WfdbHeaderParser::parseFile(path);
            QVERIFY2(h.ok(), qPrintable(h.ok() ? QString() : h.error().describe()));
            QVERIFY(h->signalCount > 0);
            QVERIFY(h->samplingFrequency >= 100);
            ++count;
        }
        QVERIFY(count > 150);
    }

    void ptbHasFifteenLeadsInTwoFiles() {
        CARDIOLENS_REQUIRE_SHARED(path, "ecg/ptbdb/s0010_re.hea");
        auto h = WfdbHeaderParser::parseFile(path);
        QVERIFY(h.ok());
        QCOMPARE(h->signalCount, 15);
        QCOMPARE(h->signalSpecs[12].fileName, QStringLiteral("s0010_re.xyz"));
        QCOMPARE(h->samplingFrequency, 1000.0);
    }
};

QTEST_GUILESS_MAIN(TestWfdbHeader)
#include "tst_WfdbHeader.moc"
