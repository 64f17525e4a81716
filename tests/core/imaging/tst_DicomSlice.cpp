#include "imaging/DicomInspector.h"
#include "imaging/DicomSliceReader.h"

#include "TestData.h"

#include <QtTest>

#include <cstring>

using namespace cardiolens;
using namespace cardiolens::imaging;

class TestDicomSlice : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void readsSunnybrookSliceExactly() {
        const QString path = test::sample(QStringLiteral("imaging/sunnybrook/SCD0000101/108.dcm"));
        auto slice = DicomSliceReader::read(path);
        QVERIFY2(slice.ok(), qPrintable(slice.ok() ? QString() : slice.error().describe()));
        QCOMPARE(slice->width, 256);
        QCOMPARE(slice->height, 256);
        QVERIFY(qAbs(slice->spacing[0] - 1.367188) < 1e-6);
        QCOMPARE(slice->modality, QStringLiteral("MR"));

        // Independent check: the file stores uncompressed little-endian 16-bit pixels as its
        // last 256*256*2 bytes, row by row from the top-left; the decoded slice must match.
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        const qsizetype n = 256 * 256;
        const char* raw = bytes.constData() + bytes.size() - n * 2;
        int mismatches = 0;
        for (qsizetype i = 0; i < n; ++i) {
            qint16 v;
            std::memcpy(&v, raw + i * 2, 2);
            if (slice->pixels[std::size_t(i)] != float(v))
                ++mismatches;
        }
        QCOMPARE(mismatches, 0);
    }

    void describesHeaderWithoutPixels() {
        const QString path = test::sample(QStringLiteral("imaging/sunnybrook/SCD0000101/101.dcm"));
        QVERIFY(DicomInspector::looksLikeDicom(path));
        auto info = DicomInspector::describe(path);
        QVERIFY(info.ok());
        QCOMPARE(info->value(QStringLiteral("kind")).toString(), QStringLiteral("image"));
        QCOMPARE(info->value(QStringLiteral("rows")).toInt(), 256);
        QCOMPARE(info->value(QStringLiteral("instanceNumber")).toInt(), 101);
        QCOMPARE(info->value(QStringLiteral("sopClassName")).toString(),
                 QStringLiteral("MR Image Storage"));
    }

    void ecgWaveformIsNotAnImage() {
        CARDIOLENS_REQUIRE_SHARED(path, "ecg/dicom/waveform_ecg.dcm");
        auto info = DicomInspector::describe(path);
        QVERIFY(info.ok());
        QCOMPARE(info->value(QStringLiteral("kind")).toString(), QStringLiteral("waveform"));
        const auto groups = info->value(QStringLiteral("waveformGroups")).toArray();
        QCOMPARE(groups.size(), 2);
        QCOMPARE(groups[0].toObject().value(QStringLiteral("channels")).toInt(), 12);
        QCOMPARE(groups[0].toObject().value(QStringLiteral("samples")).toInt(), 10000);
    }

    void badFilesGiveErrorsNamingTheFile() {
        const QString dir = test::scratchDir();
        const QString empty = dir + QStringLiteral("/empty.dcm");
        QFile(empty).open(QIODevice::WriteOnly);
        const QString garbage = dir + QStringLiteral("/garbage.dcm");
        {
            QFile g(garbage);
            QVERIFY(g.open(QIODevice::WriteOnly));
            QByteArray junk(128, 'x');
            junk += "DICM";
            junk += QByteArray(4000, '\xff');
            g.write(junk);
        }
        // A real file cut short in its pixel data.
        const QString truncated = dir + QStringLiteral("/truncated.dcm");
        {
            QFile src(test::sample(QStringLiteral("imaging/sunnybrook/SCD0000101/101.dcm")));
            QVERIFY(src.open(QIODevice::ReadOnly));
            QFile dst(truncated);
            QVERIFY(dst.open(QIODevice::WriteOnly));
            dst.write(src.read(40000));
        }
        for (const QString& path :
             {empty, garbage, truncated, dir + QStringLiteral("/missing.dcm")}) {
            auto slice = DicomSliceReader::read(path);
            QVERIFY2(!slice.ok(), qPrintable(path));
            QCOMPARE(slice.error().file, path);
            QVERIFY(!slice.error().message.isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(TestDicomSlice)
#include "tst_DicomSlice.moc"
