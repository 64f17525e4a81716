// cardiolens-cli as a user runs it: JSON on stdout, errors on stderr, exit codes 0/1/2.
#include "CliRun.h"
#include "TestData.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace cardiolens;

using test::cli;
using test::Run;

class TestCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void version() {
        const Run r = cli({QStringLiteral("--version")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith("cardiolens-cli 0."));
    }

    void usageErrorsExitTwo() {
        QCOMPARE(cli({}).exitCode, 2);
        QCOMPARE(cli({QStringLiteral("frobnicate")}).exitCode, 2);
        const Run r = cli({QStringLiteral("info")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains(QLatin1String("usage:")));
    }

    void infoDescribesRecordAndDicomAsJson() {
        const QString hea = test::sample(QStringLiteral("ecg/mitdb/100s.hea"));
        const QString dcm = test::sample(QStringLiteral("imaging/sunnybrook/SCD0000101/101.dcm"));
        const Run r = cli({QStringLiteral("info"), hea, dcm});
        QCOMPARE(r.exitCode, 0);
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(r.out, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonArray items = doc.array();
        QCOMPARE(items.size(), 2);
        const QJsonObject rec = items[0].toObject();
        QCOMPARE(rec.value(QStringLiteral("kind")).toString(), QStringLiteral("wfdb-record"));
        QCOMPARE(rec.value(QStringLiteral("samplesPerSignal")).toInt(), 21600);
        QCOMPARE(rec.value(QStringLiteral("leads"))
                     .toArray()[0]
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString(),
                 QStringLiteral("MLII"));
        const QJsonObject img = items[1].toObject();
        QCOMPARE(img.value(QStringLiteral("kind")).toString(), QStringLiteral("dicom-image"));
        QCOMPARE(img.value(QStringLiteral("columns")).toInt(), 256);
        QCOMPARE(img.value(QStringLiteral("modality")).toString(), QStringLiteral("MR"));
    }

    void badDataExitsOneNamingTheFile() {
        const QString junk = test::scratchDir() + QStringLiteral("/junk.bin");
        QFile f(junk);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(1000, '\x7f'));
        f.close();
        const QString good = test::sample(QStringLiteral("ecg/mitdb/100s.hea"));
        const Run r = cli({QStringLiteral("info"), junk, good});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(junk), qPrintable(r.err));
        // The good file is still described.
        QCOMPARE(QJsonDocument::fromJson(r.out).array().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_Cli.moc"
