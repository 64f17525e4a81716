// `cardiolens-cli qrs` as a user runs it: detections, --compare, --out, errors.
#include "CliRun.h"
#include "TestData.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace cardiolens;

namespace {
using test::cli;
using test::Run;

// A writable copy of the bundled MIT-BIH 100s excerpt (the samples are read-only).
QString copyOfExcerpt() {
    const QString dir = test::scratchDir();
    for (const char* ext : {".hea", ".dat", ".atr"}) {
        const QString from = test::sample(QStringLiteral("ecg/mitdb/100s") + QLatin1String(ext));
        const QString to = dir + QStringLiteral("/100s") + QLatin1String(ext);
        QFile::remove(to);
        if (!QFile::copy(from, to))
            return {};
    }
    return dir + QStringLiteral("/100s.hea");
}
} // namespace

class TestQrsCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void detectsAndCompares() {
        const QString hea = test::sample(QStringLiteral("ecg/mitdb/100s.hea"));
        const Run r = cli({QStringLiteral("qrs"), hea, QStringLiteral("--compare"),
                           QStringLiteral("atr"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject rec = r.json.value(QStringLiteral("records")).toArray()[0].toObject();
        QCOMPARE(rec.value(QStringLiteral("beat_count")).toInt(), 74);
        QCOMPARE(rec.value(QStringLiteral("beats")).toArray().size(), 74);
        QCOMPARE(rec.value(QStringLiteral("leads_used")).toArray().size(), 2);
        const double hr = rec.value(QStringLiteral("mean_hr_bpm")).toDouble();
        QVERIFY(hr > 70.0 && hr < 80.0);
        const QJsonObject cmp = rec.value(QStringLiteral("compare")).toObject();
        QCOMPARE(cmp.value(QStringLiteral("reference_beats")).toInt(), 74);
        QCOMPARE(cmp.value(QStringLiteral("tp")).toInt(), 74);
        QCOMPARE(cmp.value(QStringLiteral("fp")).toInt(), 0);
        QCOMPARE(cmp.value(QStringLiteral("fn")).toInt(), 0);
        QCOMPARE(r.json.value(QStringLiteral("gross"))
                     .toObject()
                     .value(QStringLiteral("se_percent"))
                     .toDouble(),
                 100.0);
    }

    void writesAnAnnotatorThatReadsBack() {
        const QString hea = copyOfExcerpt();
        QVERIFY(!hea.isEmpty());
        const Run out = cli({QStringLiteral("qrs"), hea, QStringLiteral("--lead"),
                             QStringLiteral("0"), QStringLiteral("--out"), QStringLiteral("cl")});
        QCOMPARE(out.exitCode, 0);
        QVERIFY(QFileInfo::exists(test::scratchDir() + QStringLiteral("/100s.cl")));
        // The file holds exactly the detected positions (not merely within the 150 ms
        // matching window a --compare run allows).
        const Run detected = cli({QStringLiteral("qrs"), hea, QStringLiteral("--lead"),
                                  QStringLiteral("0"), QStringLiteral("--json")});
        QCOMPARE(detected.exitCode, 0);
        const QJsonArray beats = detected.json.value(QStringLiteral("records"))
                                     .toArray()[0]
                                     .toObject()
                                     .value(QStringLiteral("beats"))
                                     .toArray();
        const Run read = cli({QStringLiteral("ann"), hea, QStringLiteral("--annotator"),
                              QStringLiteral("cl"), QStringLiteral("--json")});
        QCOMPARE(read.exitCode, 0);
        const QJsonArray written = read.json.value(QStringLiteral("annotations")).toArray();
        QVERIFY(beats.size() >= 73);
        QCOMPARE(written.size(), beats.size());
        for (qsizetype i = 0; i < beats.size(); ++i)
            QCOMPARE(written[i].toObject().value(QStringLiteral("sample")).toInteger(),
                     beats[i].toInteger());
        // Our own annotator as the reference for a second run: every beat matches.
        const Run back =
            cli({QStringLiteral("qrs"), hea, QStringLiteral("--lead"), QStringLiteral("0"),
                 QStringLiteral("--compare"), QStringLiteral("cl")});
        QCOMPARE(back.exitCode, 0);
        const QJsonObject gross = back.json.value(QStringLiteral("gross")).toObject();
        QVERIFY(gross.value(QStringLiteral("tp")).toInt() >= 73);
        QCOMPARE(gross.value(QStringLiteral("fp")).toInt(), 0);
        QCOMPARE(gross.value(QStringLiteral("fn")).toInt(), 0);
    }

    void errors() {
        const QString hea = test::sample(QStringLiteral("ecg/mitdb/100s.hea"));
        QCOMPARE(cli({QStringLiteral("qrs")}).exitCode, 2);
        QCOMPARE(cli({QStringLiteral("qrs"), hea, QStringLiteral("--lead")}).exitCode, 2);
        const Run badLead =
            cli({QStringLiteral("qrs"), hea, QStringLiteral("--lead"), QStringLiteral("7")});
        QCOMPARE(badLead.exitCode, 1);
        QVERIFY(badLead.err.contains(QLatin1String("100s.hea")));
        QVERIFY(badLead.err.contains(QLatin1String("lead 7")));
        const Run missing = cli(
            {QStringLiteral("qrs"), hea, QStringLiteral("--compare"), QStringLiteral("nosuch")});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err.contains(QLatin1String("nosuch")));
    }
};

QTEST_GUILESS_MAIN(TestQrsCli)
#include "tst_QrsCli.moc"
