// DICOM 12-lead ECG waveform: both multiplex groups, channel labels, sensitivity, waveform
// annotations; non-waveform and damaged DICOM files are clear errors.
#include "ecg/DicomEcgReader.h"
#include "ecg/EcgReader.h"

#include "TestData.h"

#include <QtTest>

using namespace cardiolens;
using namespace cardiolens::ecg;

class TestDicomEcg : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void twelveLeadRhythmAndMedianBeat() {
        CARDIOLENS_REQUIRE_SHARED(path, "ecg/dicom/waveform_ecg.dcm");
        auto all = DicomEcgReader::openAll(path);
        QVERIFY2(all.ok(), qPrintable(all.ok() ? QString() : all.error().describe()));
        QCOMPARE(all->size(), std::size_t(2));
        const EcgRecord& rhythm = all->at(0);
        QCOMPARE(rhythm.leadCount(), 12);
        QCOMPARE(rhythm.frameRate, 1000.0);
        QCOMPARE(rhythm.frameCount, 10000);
        const QStringList expected = {"I",  "II", "III", "aVR", "aVL", "aVF",
                                      "V1", "V2", "V3",  "V4",  "V5",  "V6"};
        for (int i = 0; i < 12; ++i)
            QCOMPARE(rhythm.leads[std::size_t(i)].name, expected[i]);
        QCOMPARE(rhythm.leads[0].units, QStringLiteral("uV"));
        // First interleaved values: 0x0050 (I), 0x005a (II), 0xffab (aVR is 4th: -85).
        QCOMPARE(rhythm.raw(0, 0, 1).front(), 80);
        QCOMPARE(rhythm.raw(1, 0, 1).front(), 90);
        QCOMPARE(rhythm.raw(3, 0, 1).front(), -85);
        QCOMPARE(rhythm.physical(0, 0, 1).front(), 100.0f); // 80 x 1.25 uV
        QCOMPARE(rhythm.start->date(), QDate(2013, 1, 25));
        bool normal = false;
        for (const auto& l : rhythm.labels)
            normal = normal || l.name == QLatin1String("ECG NORMALE");
        QVERIFY(normal);
        QVERIFY(!rhythm.comments.filter(QStringLiteral("RR Interval: 982 ms")).isEmpty());
        const EcgRecord& median = all->at(1);
        QCOMPARE(median.frameCount, 1200);
        QVERIFY(median.name.endsWith(QLatin1String("MEDIAN BEAT")));
        QCOMPARE(median.raw(0, 0, 1).front(), 10);
        // EcgReader opens the rhythm group and says the median beat exists.
        auto rec = EcgReader::open(path);
        QVERIFY(rec.ok());
        QCOMPARE(rec->frameCount, 10000);
        QCOMPARE(rec->warnings.size(), 1);
    }

    void nonWaveformDicomIsAnError() {
        CARDIOLENS_REQUIRE_SHARED(path, "imaging/echo/US-PAL-8-10x-echo.dcm");
        auto r = DicomEcgReader::open(path);
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.contains(QLatin1String("no waveform sequence")));
        QCOMPARE(r.error().file, path);
    }

    void truncatedDicomIsAnError() {
        CARDIOLENS_REQUIRE_SHARED(path, "ecg/dicom/waveform_ecg.dcm");
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString cut = QDir(test::scratchDir()).filePath(QStringLiteral("cut.dcm"));
        QFile out(cut);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(f.read(200000)); // Ends inside the rhythm waveform data.
        out.close();
        auto r = EcgReader::open(cut);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().file, cut);
        QVERIFY(!r.error().message.isEmpty());
    }

    void damagedCopiesNeverCrash() {
        CARDIOLENS_REQUIRE_SHARED(path, "ecg/dicom/waveform_ecg.dcm");
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray original = f.readAll();
        const QString copy = QDir(test::scratchDir()).filePath(QStringLiteral("fuzz.dcm"));
        auto attempt = [&](const QByteArray& bytes) {
            QFile out(copy);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(bytes);
            out.close();
            auto r = DicomEcgReader::openAll(copy); // Must return, error or not.
            if (!r.ok())
                QCOMPARE(r.error().file, copy);
        };
        for (int cut = 0; cut < original.size(); cut += original.size() / 15 + 1)
            attempt(original.left(cut));
        quint32 seed = 12345;
        for (int i = 0; i < 40; ++i) {
            QByteArray bytes = original;
            seed = seed * 1664525u + 1013904223u;
            const qsizetype at = 132 + qsizetype(seed % 6000u); // Header and sequences.
            bytes[at] = char(bytes[at] ^ char(1u << (seed >> 29)));
            attempt(bytes);
        }
    }
};

QTEST_GUILESS_MAIN(TestDicomEcg)
#include "tst_DicomEcg.moc"
