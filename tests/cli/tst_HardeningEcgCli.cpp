// Issue 15's ECG recipes rebuilt: each test makes the malformed input in a scratch folder
// from real files (the bundled MIT-BIH 100s, the shared DICOM waveform), runs the CLI under
// a memory limit and a timeout, and expects a clean refusal (exit 1, "FILE: reason") or a
// fast, correct answer.
#include "GuardedRun.h"
#include "TestData.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

using namespace cardiolens;
using test::guardedCli;
using test::readBytes;
using test::writeBytes;

namespace {

constexpr int kCliMb = 1024; // Address space for a plain ECG command (Qt + GDCM + a record).

// A scratch copy of 100s (header, signal, reference beats) in \a dir.
void copy100s(const QString& dir) {
    for (const char* ext : {".hea", ".dat", ".atr"}) {
        const QString to = dir + QStringLiteral("/100s") + QLatin1String(ext);
        QFile::copy(test::sample(QStringLiteral("ecg/mitdb/100s") + QLatin1String(ext)), to);
        QFile::setPermissions(to, QFile::ReadOwner | QFile::WriteOwner);
    }
}

QByteArray field(const QByteArray& text, int width) {
    return text.leftJustified(width, ' ', true);
}

// An EDF+D file: one 200 Hz ECG signal and the annotation signal, one data record per onset
// (1-s records), the ECG a 1 mV spike each second.
QByteArray edfPlusD(const std::vector<double>& onsets) {
    const QByteArray n = QByteArray::number(qlonglong(onsets.size()));
    QByteArray h = field("0", 8) + field("X X X X", 80) + field("Startdate 01-JAN-2020 X X X", 80) +
                   field("01.01.20", 8) + field("00.00.00", 8) + field("768", 8) +
                   field("EDF+D", 44) + field(n, 8) + field("1", 8) + field("2", 4);
    h += field("ECG", 16) + field("EDF Annotations", 16);
    h += field("", 80) + field("", 80);
    h += field("mV", 8) + field("", 8);
    h += field("-5", 8) + field("-1", 8);
    h += field("5", 8) + field("1", 8);
    h += field("-32768", 8) + field("-32768", 8);
    h += field("32767", 8) + field("32767", 8);
    h += field("", 80) + field("", 80);
    h += field("200", 8) + field("30", 8);
    h += field("", 32) + field("", 32);
    for (double onset : onsets) {
        QByteArray ecg(400, '\0');
        ecg[200] = char(0x66); // Sample 100 = 0x6666: ~4 mV.
        ecg[201] = char(0x66);
        QByteArray tal = "+" + QByteArray::number(onset, 'f', 0) + "\x14\x14";
        tal.append('\0');
        h += ecg + tal.leftJustified(60, '\0', true);
    }
    return h;
}

} // namespace

class TestHardeningEcgCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // C4: a VR inside the file meta group changed to letters that are no VR.
    void c4_waveformMetaVrRefused() {
        CARDIOLENS_REQUIRE_SHARED(source, "ecg/dicom/waveform_ecg.dcm");
        QTemporaryDir dir;
        QByteArray bytes = readBytes(source);
        QCOMPARE(bytes.mid(280, 2), QByteArray("UI"));
        bytes.replace(280, 2, "WI");
        const QString path = dir.filePath(QStringLiteral("wi.dcm"));
        QVERIFY(writeBytes(path, bytes));
        for (const char* command : {"qrs", "ann", "info"})
            CARDIOLENS_VERIFY_REFUSED(guardedCli({QLatin1String(command), path}, kCliMb), path,
                                      QStringLiteral("VR"));
    }

    // M3: an unknown VR in the data set: qrs took GDCM's 1.9 GB fallback, info refused.
    void m3_waveformUnknownVrRefusedByEveryCommand() {
        CARDIOLENS_REQUIRE_SHARED(source, "ecg/dicom/waveform_ecg.dcm");
        QTemporaryDir dir;
        QByteArray bytes = readBytes(source);
        QCOMPARE(bytes.mid(578, 2), QByteArray("LO")); // The element at byte 574.
        bytes.replace(578, 2, "ZZ");
        const QString path = dir.filePath(QStringLiteral("zz.dcm"));
        QVERIFY(writeBytes(path, bytes));
        for (const char* command : {"qrs", "ann", "info"})
            CARDIOLENS_VERIFY_REFUSED(guardedCli({QLatin1String(command), path}, kCliMb), path,
                                      QStringLiteral("invalid VR"));
    }

    // H1: a null segment of 10^12 samples: refused for its span (it also crashed the GUI).
    void h1_multiSegmentSpanningDecadesRefused() {
        QTemporaryDir dir;
        copy100s(dir.path());
        const QString header = dir.filePath(QStringLiteral("multi.hea"));
        QVERIFY(writeBytes(header, "multi/2 2 360 1000000021600\n~ 1000000000000\n100s 21600\n"));
        CARDIOLENS_VERIFY_REFUSED(guardedCli({QStringLiteral("qrs"), header}, kCliMb, 20000),
                                  header, QStringLiteral("days"));
    }

    // H1: a long but allowed null segment is skipped, not walked: 8e8 null samples took ~40 s.
    void h1_nullSegmentSkippedByQrs() {
        QTemporaryDir dir;
        copy100s(dir.path());
        const QString plain = dir.filePath(QStringLiteral("100s.hea"));
        const QString multi = dir.filePath(QStringLiteral("multi.hea"));
        QVERIFY(writeBytes(multi, "multi/2 2 360 800021600\n~ 800000000\n100s 21600\n"));
        const auto a = guardedCli({QStringLiteral("qrs"), plain, QStringLiteral("--json")});
        const auto b =
            guardedCli({QStringLiteral("qrs"), multi, QStringLiteral("--json")}, kCliMb, 15000);
        QCOMPARE(a.exitCode, 0);
        QVERIFY2(
            b.exitCode == 0,
            qPrintable(
                QStringLiteral("exit %1 after %2 ms: %3").arg(b.exitCode).arg(b.ms).arg(b.err)));
        const auto beats = [](const QByteArray& out) {
            return QJsonDocument::fromJson(out)
                .object()[QStringLiteral("records")]
                .toArray()
                .at(0)[QStringLiteral("beats")]
                .toArray();
        };
        const QJsonArray plainBeats = beats(a.out), multiBeats = beats(b.out);
        QVERIFY(plainBeats.size() > 50);
        QCOMPARE(multiBeats.size(), plainBeats.size());
        for (qsizetype i = 0; i < plainBeats.size(); ++i)
            QCOMPARE(qint64(multiBeats[i].toDouble()),
                     qint64(plainBeats[i].toDouble()) + 800000000);
    }

    // H2: EDF+D onsets 0, 1e9, 1e9+1, ...: qrs ran for ever, the GUI grew past 10 GB.
    void h2_edfDiscontinuousLyingOnsetsRefused() {
        QTemporaryDir dir;
        std::vector<double> onsets = {0};
        for (int i = 0; i < 45; ++i)
            onsets.push_back(1e9 + i);
        const QString path = dir.filePath(QStringLiteral("gaps.edf"));
        QVERIFY(writeBytes(path, edfPlusD(onsets)));
        QVERIFY(QFileInfo(path).size() > 20000);
        for (const char* command : {"qrs", "info"})
            CARDIOLENS_VERIFY_REFUSED(guardedCli({QLatin1String(command), path}, kCliMb, 20000),
                                      path, QStringLiteral("EDF+D data records span"));
    }

    // H2: an allowed gap (23 days) is skipped by qrs: walking it took about 20 s.
    void h2_edfGapSkippedByQrs() {
        QTemporaryDir dir;
        std::vector<double> onsets;
        for (int i = 0; i < 20; ++i)
            onsets.push_back(i < 10 ? i : 2e6 + i);
        const QString path = dir.filePath(QStringLiteral("gap.edf"));
        QVERIFY(writeBytes(path, edfPlusD(onsets)));
        const auto r =
            guardedCli({QStringLiteral("qrs"), path, QStringLiteral("--json")}, kCliMb, 10000);
        QVERIFY2(
            r.exitCode == 0,
            qPrintable(
                QStringLiteral("exit %1 after %2 ms: %3").arg(r.exitCode).arg(r.ms).arg(r.err)));
    }

    // H3: FIFOs block open() for ever: refused before opening.
    void h3_fifosRefused() {
        QTemporaryDir dir;
        const auto fifo = [&](const QString& name) {
            const QString path = dir.filePath(name);
            return ::mkfifo(QFile::encodeName(path).constData(), 0600) == 0 ? path : QString();
        };
        QFile::copy(test::sample(QStringLiteral("ecg/mitdb/100s.hea")),
                    dir.filePath(QStringLiteral("100s.hea")));
        const QString dat = fifo(QStringLiteral("100s.dat"));
        const QString csv = fifo(QStringLiteral("pipe.csv"));
        QVERIFY(!dat.isEmpty() && !csv.isEmpty());
        CARDIOLENS_VERIFY_REFUSED(
            guardedCli({QStringLiteral("qrs"), dir.filePath(QStringLiteral("100s.hea"))}, kCliMb,
                       10000),
            dat, QStringLiteral("FIFO"));
        CARDIOLENS_VERIFY_REFUSED(guardedCli({QStringLiteral("info"), csv}, kCliMb, 10000), csv,
                                  QStringLiteral("FIFO"));
    }

    // M1: a header that is a symlink to /dev/zero: size() says 0, readAll() never ends.
    void m1_headerLinkedToDevZeroRefused() {
        QTemporaryDir dir;
        const QString header = dir.filePath(QStringLiteral("zero.hea"));
        QVERIFY(QFile::link(QStringLiteral("/dev/zero"), header));
        for (const char* command : {"qrs", "info"})
            CARDIOLENS_VERIFY_REFUSED(guardedCli({QLatin1String(command), header}, kCliMb, 10000),
                                      header, QStringLiteral("not a regular file"));
    }

    // M2: 2 rows x 3,000,000 columns (12 MB): info took 3.9 GB and 22 s.
    void m2_csvWithMillionsOfColumnsRefused() {
        QTemporaryDir dir;
        QByteArray row;
        row.reserve(6000000);
        for (int i = 0; i < 3000000; ++i)
            row += i ? ",1" : "1";
        const QString path = dir.filePath(QStringLiteral("wide.csv"));
        QVERIFY(writeBytes(path, row + '\n' + row + '\n'));
        CARDIOLENS_VERIFY_REFUSED(guardedCli({QStringLiteral("info"), path}, 500, 10000), path,
                                  QStringLiteral("columns"));
    }

    // A value of 1e300 zeroed the rest of its lead through the gain: refused instead.
    void csvHugeValueRefused() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("huge.csv"));
        QVERIFY(writeBytes(path, "time,I\n0,0.5\n0.004,1e300\n0.008,0.25\n"));
        CARDIOLENS_VERIFY_REFUSED(guardedCli({QStringLiteral("info"), path}, kCliMb), path,
                                  QStringLiteral("out of range"));
    }

    // A corrupt .atr beside a record: info exited 0 and said nothing.
    void corruptAnnotationFileWarned() {
        QTemporaryDir dir;
        copy100s(dir.path());
        const QString atr = dir.filePath(QStringLiteral("100s.atr"));
        const QByteArray bytes = readBytes(atr);
        QVERIFY(writeBytes(atr, bytes.left((bytes.size() / 2) | 1))); // Odd: cut inside a word.
        const auto r = guardedCli({QStringLiteral("info"), dir.filePath(QStringLiteral("100s")),
                                   QStringLiteral("--json")},
                                  kCliMb);
        QCOMPARE(r.exitCode, 0);
        const QJsonArray warnings =
            QJsonDocument::fromJson(r.out).array().at(0)[QStringLiteral("warnings")].toArray();
        bool named = false;
        for (const auto& w : warnings)
            named = named || w.toString().contains(atr);
        QVERIFY2(named, r.out.left(2000).constData());
    }

    // Data files named by a header must lie beside it unless the user opts in.
    void dataFileOutsideHeaderFolderRefused() {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("sub")));
        QFile::copy(test::sample(QStringLiteral("ecg/mitdb/100s.dat")),
                    dir.filePath(QStringLiteral("outside.dat")));
        const QString climbing = dir.filePath(QStringLiteral("sub/up.hea"));
        QVERIFY(writeBytes(climbing, "up 1 360 1000\n../outside.dat 212 200 11 1024 995 0 0 I\n"));
        const QString absolute = dir.filePath(QStringLiteral("sub/abs.hea"));
        QVERIFY(writeBytes(absolute, "abs 1 360 10\n/etc/passwd 16 200 16 0 0 0 0 I\n"));
        CARDIOLENS_VERIFY_REFUSED(guardedCli({QStringLiteral("info"), climbing}, kCliMb),
                                  QStringLiteral("outside.dat"),
                                  QStringLiteral("outside its folder"));
        CARDIOLENS_VERIFY_REFUSED(guardedCli({QStringLiteral("info"), absolute}, kCliMb),
                                  QStringLiteral("/etc/passwd"),
                                  QStringLiteral("outside its folder"));
        const auto allowed = guardedCli({QStringLiteral("info"), climbing}, kCliMb, 30000,
                                        {QStringLiteral("CARDIOLENS_ALLOW_FOREIGN_DATA_FILES=1")});
        QVERIFY2(allowed.exitCode == 0, qPrintable(allowed.err));
    }

    // "holds only 216" for a file of 21600 samples: the count is of frames, say so.
    void shortSignalFileMessageCountsFrames() {
        QTemporaryDir dir;
        copy100s(dir.path());
        const QString header = dir.filePath(QStringLiteral("wide.hea"));
        QVERIFY(writeBytes(header, "wide 2 360 21600\n100s.dat 212x50 200 11 1024 995 0 0 MLII\n"
                                   "100s.dat 212x50 200 11 1024 1011 0 0 V5\n"));
        CARDIOLENS_VERIFY_REFUSED(guardedCli({QStringLiteral("info"), header}, kCliMb),
                                  QStringLiteral("100s.dat"),
                                  QStringLiteral("holds only 432 (100 samples per frame)"));
    }
};

QTEST_GUILESS_MAIN(TestHardeningEcgCli)
#include "tst_HardeningEcgCli.moc"
