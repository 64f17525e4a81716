// `cardiolens-cli info` on ECG records of every format and `cardiolens-cli ann`, as a user
// runs them: JSON on stdout, errors naming the file on stderr, exit codes 0/1/2.
#include "CliRun.h"
#include "TestData.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QtTest>

using namespace cardiolens;

namespace {
using test::cli;
using test::Run;

QJsonObject firstInfo(const QString& path, Run* run = nullptr) {
    const Run r = cli({QStringLiteral("info"), path, QStringLiteral("--json")});
    if (run)
        *run = r;
    return QJsonDocument::fromJson(r.out).array().at(0).toObject();
}

QString write(const QString& name, const QByteArray& bytes) {
    const QString path = QDir(test::scratchDir()).filePath(name);
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(bytes);
    return path;
}
} // namespace

class TestEcgCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void infoWfdbHasLeadsAnnotatorsLabels() {
        Run r;
        const QJsonObject o = firstInfo(test::sample(QStringLiteral("ecg/mitdb/100s")), &r);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(o.value(QStringLiteral("kind")).toString(), QStringLiteral("wfdb-record"));
        QCOMPARE(o.value(QStringLiteral("annotators")).toArray().at(0).toString(),
                 QStringLiteral("atr"));
        const QJsonObject lead = o.value(QStringLiteral("leads")).toArray().at(1).toObject();
        QCOMPARE(lead.value(QStringLiteral("name")).toString(), QStringLiteral("V5"));
        QCOMPARE(lead.value(QStringLiteral("units")).toString(), QStringLiteral("mV"));
        QCOMPARE(lead.value(QStringLiteral("samplingFrequencyHz")).toDouble(), 360.0);
        QCOMPARE(lead.value(QStringLiteral("samples")).toInt(), 21600);
        QCOMPARE(o.value(QStringLiteral("durationSeconds")).toDouble(), 60.0);

        const QJsonObject cinc = firstInfo(test::sample(QStringLiteral("ecg/cinc2021/E07500.hea")));
        const QJsonArray labels = cinc.value(QStringLiteral("labels")).toArray();
        QCOMPARE(labels.size(), 2);
        QCOMPARE(labels.at(1).toObject().value(QStringLiteral("name")).toString(),
                 QStringLiteral("sinus bradycardia"));
    }

    void infoEdfCsvAndDicom() {
        const QString csv =
            write(QStringLiteral("leads.csv"), "time,I (mV)\n0,0.1\n0.002,0.2\n0.004,0.3\n");
        QJsonObject o = firstInfo(csv);
        QCOMPARE(o.value(QStringLiteral("kind")).toString(), QStringLiteral("ecg-csv"));
        QCOMPARE(o.value(QStringLiteral("samplingFrequencyHz")).toDouble(), 500.0);
        QCOMPARE(o.value(QStringLiteral("samplesPerSignal")).toInt(), 3);

        const QString dcm = test::shared(QStringLiteral("ecg/dicom/waveform_ecg.dcm"));
        if (dcm.isEmpty())
            QSKIP("shared DICOM ECG not available");
        o = firstInfo(dcm);
        QCOMPARE(o.value(QStringLiteral("kind")).toString(), QStringLiteral("dicom-waveform"));
        QCOMPARE(o.value(QStringLiteral("leads")).toArray().size(), 12);
        QCOMPARE(o.value(QStringLiteral("leads"))
                     .toArray()
                     .at(6)
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString(),
                 QStringLiteral("V1"));
        QCOMPARE(o.value(QStringLiteral("durationSeconds")).toDouble(), 10.0);
    }

    void infoBadRecordsExitOne() {
        // A header promising more samples than its signal file holds.
        write(QStringLiteral("short.dat"), QByteArray(10, 0));
        const QString hea = write(QStringLiteral("short.hea"), "short 1 250 5000\nshort.dat 16\n");
        const Run r = cli({QStringLiteral("info"), hea});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("short.dat")), qPrintable(r.err));
        QVERIFY(r.err.contains(QLatin1String("holds only 5")));
        const QString nan = write(QStringLiteral("nan.csv"), "time,I\n0,1\n0.01,nan\n");
        const Run n = cli({QStringLiteral("info"), nan});
        QCOMPARE(n.exitCode, 1);
        QVERIFY2(n.err.contains(QLatin1String("nan.csv")) && n.err.contains(QLatin1String("row 3")),
                 qPrintable(n.err));
        const QString edf =
            write(QStringLiteral("trunc.edf"), QByteArray("0       ") + QByteArray(100, ' '));
        const Run e = cli({QStringLiteral("info"), edf});
        QCOMPARE(e.exitCode, 1);
        QVERIFY2(e.err.contains(QLatin1String("trunc.edf")), qPrintable(e.err));
    }

    void annPrintsBeatsAndRhythms() {
        const Run r =
            cli({QStringLiteral("ann"), test::sample(QStringLiteral("ecg/mitdb/100s.hea")),
                 QStringLiteral("--annotator"), QStringLiteral("atr"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o.value(QStringLiteral("annotator")).toString(), QStringLiteral("atr"));
        const QJsonObject counts = o.value(QStringLiteral("counts")).toObject();
        QVERIFY(counts.value(QStringLiteral("N")).toInt() > 60);
        const QJsonObject first = o.value(QStringLiteral("annotations")).toArray().at(0).toObject();
        QCOMPARE(first.value(QStringLiteral("type")).toString(), QStringLiteral("+"));
        QCOMPARE(first.value(QStringLiteral("aux")).toString(), QStringLiteral("(N"));
        QCOMPARE(o.value(QStringLiteral("beats")).toInt(),
                 o.value(QStringLiteral("count")).toInt() - 1);
    }

    void clusterCoversEveryBeatOnce() {
        const QString hea = test::sample(QStringLiteral("ecg/mitdb/100s.hea"));
        const Run r = cli({QStringLiteral("cluster"), hea, QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const Run ann = cli({QStringLiteral("ann"), hea, QStringLiteral("--json")});
        QSet<qint64> reference;
        const QJsonArray items = ann.json.value(QStringLiteral("annotations")).toArray();
        for (const QJsonValue& v : items)
            if (v.toObject().value(QStringLiteral("type")).toString() != QLatin1String("+"))
                reference.insert(v.toObject().value(QStringLiteral("sample")).toInteger());
        QCOMPARE(r.json.value(QStringLiteral("beat_count")).toInt(), int(reference.size()));
        QSet<qint64> clustered;
        int total = 0, previousSize = 1 << 30;
        for (const QJsonValue& v : r.json.value(QStringLiteral("clusters")).toArray()) {
            const QJsonObject c = v.toObject();
            const QJsonArray beats = c.value(QStringLiteral("beats")).toArray();
            QCOMPARE(c.value(QStringLiteral("size")).toInt(), int(beats.size()));
            QVERIFY(beats.size() <= previousSize); // largest first
            previousSize = int(beats.size());
            total += int(beats.size());
            for (const QJsonValue& b : beats)
                clustered.insert(b.toInteger());
            const int samples = int(c.value(QStringLiteral("template_ms")).toArray().size());
            QVERIFY(samples > 10);
            const QJsonObject traces = c.value(QStringLiteral("template_mv")).toObject();
            QCOMPARE(traces.keys(), (QStringList{QStringLiteral("MLII"), QStringLiteral("V5")}));
            QCOMPARE(int(traces.value(QStringLiteral("MLII")).toArray().size()), samples);
        }
        QCOMPARE(total, int(reference.size()));
        QCOMPARE(clustered, reference);
        // The dominant normal beats form the largest cluster.
        const QJsonObject first =
            r.json.value(QStringLiteral("clusters")).toArray().at(0).toObject();
        QVERIFY(first.value(QStringLiteral("size")).toInt() > 60);
        // Detector beats work too; usage and data errors follow the exit-code convention.
        QCOMPARE(cli({QStringLiteral("cluster"), hea, QStringLiteral("--beats"),
                      QStringLiteral("detector")})
                     .exitCode,
                 0);
        QCOMPARE(cli({QStringLiteral("cluster")}).exitCode, 2);
        const Run missing =
            cli({QStringLiteral("cluster"), hea, QStringLiteral("--beats"), QStringLiteral("qrs")});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains(QLatin1String("100s.qrs")), qPrintable(missing.err));
    }

    void annErrors() {
        const Run missing =
            cli({QStringLiteral("ann"), test::sample(QStringLiteral("ecg/mitdb/100s")),
                 QStringLiteral("--annotator"), QStringLiteral("qrs")});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains(QLatin1String("100s.qrs")) &&
                     missing.err.contains(QLatin1String("atr")),
                 qPrintable(missing.err));
        QCOMPARE(cli({QStringLiteral("ann")}).exitCode, 2);
        QCOMPARE(cli({QStringLiteral("ann"), QStringLiteral("x"), QStringLiteral("--annotator")})
                     .exitCode,
                 2);
        const Run none = cli({QStringLiteral("ann"), QStringLiteral("/no/such/record")});
        QCOMPARE(none.exitCode, 1);
        QVERIFY(none.err.contains(QLatin1String("/no/such/record")));
    }
};

QTEST_GUILESS_MAIN(TestEcgCli)
#include "tst_EcgCli.moc"
