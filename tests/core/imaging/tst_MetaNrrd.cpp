#include "imaging/ItkFormatReader.h"
#include "imaging/MetaImageHeader.h"
#include "imaging/NrrdHeader.h"
#include "imaging/VolumeWriter.h"

#include "TestData.h"

#include <QtTest>

#include <cmath>
#include <cstring>

using namespace cardiolens;
using namespace cardiolens::imaging;

namespace {

QString scratch(const QString& name) {
    return QDir(test::scratchDir()).filePath(name);
}

CineVolume makeVolume(int phases) {
    auto v = CineVolume::create({9, 7, 4, phases}, PixelType::Int16);
    for (std::size_t i = 0; i < v->pixels<std::int16_t>().size(); ++i)
        v->pixels<std::int16_t>()[i] = std::int16_t(int(i * 37 % 3001) - 1500);
    v->geometry().pixelSpacing = {0.7, 0.9};
    v->geometry().sliceSpacing = 6.5;
    v->geometry().origin = {5, -7, 11};
    v->geometry().frameTimeMs = 33.0;
    return std::move(v).value();
}

void writeText(const QString& path, const QByteArray& text) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

QString errorOf(const Result<CineVolume>& r) {
    return r.ok() ? QString() : r.error().describe();
}

} // namespace

class TestMetaNrrd : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTrips_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("compress");
        QTest::addColumn<int>("phases");
        QTest::newRow("mhd raw 3d") << "a.mhd" << false << 1;
        QTest::newRow("mhd zraw 4d") << "b.mhd" << true << 3;
        QTest::newRow("mha 4d") << "c.mha" << false << 3;
        QTest::newRow("nrrd raw 4d") << "d.nrrd" << false << 3;
        QTest::newRow("nrrd gzip 3d") << "e.nrrd" << true << 1;
        QTest::newRow("nhdr 3d") << "f.nhdr" << false << 1;
    }
    void roundTrips() {
        QFETCH(QString, name);
        QFETCH(bool, compress);
        QFETCH(int, phases);
        const CineVolume original = makeVolume(phases);
        const QString path = scratch(name);
        auto written = VolumeWriter::write(original, path, compress);
        QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error().describe()));
        const bool nrrd = name.contains(QLatin1String(".n"));
        auto read = nrrd ? ItkFormatReader::readNrrd(path) : ItkFormatReader::readMetaImage(path);
        QVERIFY2(read.ok(), qPrintable(errorOf(read)));
        QCOMPARE(read->extent(), original.extent());
        QCOMPARE(read->pixelType(), PixelType::Int16);
        QVERIFY(std::memcmp(read->bytes().data(), original.bytes().data(),
                            original.bytes().size()) == 0);
        QVERIFY(std::abs(read->geometry().pixelSpacing[1] - 0.9) < 1e-6);
        QVERIFY(std::abs(read->geometry().sliceSpacing - 6.5) < 1e-6);
        QVERIFY(std::abs(read->geometry().origin[2] - 11.0) < 1e-6);
        if (phases > 1)
            QVERIFY(std::abs(read->geometry().frameTimeMs - 33.0) < 1e-6);
    }

    void metaImageLiesAreRefusedBeforeItk() {
        writeText(scratch(QStringLiteral("small.raw")), QByteArray(100, '\1'));
        const QByteArray common =
            "ObjectType = Image\nBinaryData = True\nElementType = MET_SHORT\n";
        struct Case {
            const char* name;
            QByteArray header;
            const char* expected;
        };
        const Case cases[] = {
            {"huge.mhd",
             common + "NDims = 3\nDimSize = 100000 100000 1000\nElementDataFile = small.raw\n",
             "holds only 100 bytes"},
            {"count.mhd", common + "NDims = 3\nDimSize = 4 4\nElementDataFile = small.raw\n",
             "DimSize has 2 values"},
            {"ndims.mhd", common + "NDims = 40\nDimSize = 4 4\nElementDataFile = small.raw\n",
             "NDims"},
            {"spacing.mhd",
             common + "NDims = 2\nDimSize = 5 5\nElementSpacing = 1 1 1 1 1 1 1 1 1 1 1 1\n"
                      "ElementDataFile = small.raw\n",
             "ElementSpacing needs 2 numbers"},
            {"longname.mhd",
             common + "NDims = 2\nDimSize = 5 5\nElementDataFile = " + QByteArray(600, 'x') + "\n",
             "too long"},
            {"missing.mhd", common + "NDims = 2\nDimSize = 5 5\nElementDataFile = nothere.raw\n",
             "missing"},
            {"zip.mhd",
             common + "NDims = 3\nDimSize = 1000 1000 1000\nCompressedData = True\n"
                      "ElementDataFile = small.raw\n",
             "cannot hold"},
            {"nodata.mhd", common + "NDims = 2\nDimSize = 5 5\n", "no ElementDataFile"},
        };
        for (const Case& c : cases) {
            const QString path = scratch(QString::fromLatin1(c.name));
            writeText(path, c.header);
            auto read = ItkFormatReader::readMetaImage(path);
            QVERIFY2(!read.ok(), c.name);
            QVERIFY2(read.error().message.contains(QLatin1String(c.expected)),
                     qPrintable(read.error().describe()));
        }
        // Binary garbage named .mhd.
        const QString garbage = scratch(QStringLiteral("garbage.mhd"));
        writeText(garbage, QByteArray("\x01\x02\x00\x03 = \xff", 8));
        QVERIFY(!ItkFormatReader::readMetaImage(garbage).ok());
    }

    void truncatedRawIsRefused() {
        const CineVolume original = makeVolume(1);
        const QString path = scratch(QStringLiteral("cut.mhd"));
        QVERIFY(VolumeWriter::write(original, path).ok());
        QFile raw(scratch(QStringLiteral("cut.raw")));
        QVERIFY(raw.exists());
        QVERIFY(raw.resize(raw.size() - 10));
        auto read = ItkFormatReader::readMetaImage(path);
        QVERIFY(!read.ok());
        QVERIFY(read.error().message.contains(QStringLiteral("truncated")));
    }

    void nrrdLiesAreRefused() {
        const QString huge = scratch(QStringLiteral("huge.nrrd"));
        writeText(huge, "NRRD0004\ntype: short\ndimension: 3\nsizes: 5000 5000 5000\n"
                        "encoding: raw\n\n" +
                            QByteArray(64, '\0'));
        auto a = ItkFormatReader::readNrrd(huge);
        QVERIFY(!a.ok());
        QVERIFY2(a.error().message.contains(QStringLiteral("refused")),
                 qPrintable(a.error().describe()));

        const QString sizes = scratch(QStringLiteral("sizes.nrrd"));
        writeText(sizes, "NRRD0004\ntype: short\ndimension: 3\nsizes: 5 5\nencoding: raw\n\n");
        QVERIFY(!ItkFormatReader::readNrrd(sizes).ok());

        const QString gz = scratch(QStringLiteral("gz.nrrd"));
        writeText(gz, "NRRD0004\ntype: float\ndimension: 3\nsizes: 2000 2000 2000\n"
                      "encoding: gzip\n\nxxxxxxxxxx");
        auto b = ItkFormatReader::readNrrd(gz);
        QVERIFY(!b.ok());
        QVERIFY(b.error().message.contains(QStringLiteral("cannot hold")));

        const QString type = scratch(QStringLiteral("type.nrrd"));
        writeText(type, "NRRD0004\ntype: block\ndimension: 2\nsizes: 2 2\nencoding: raw\n\n");
        QVERIFY(!ItkFormatReader::readNrrd(type).ok());
        QVERIFY(!ItkFormatReader::readNrrd(scratch(QStringLiteral("nothing.nrrd"))).ok());
    }

    void reshapeReinterpretsWithoutCopy() {
        CineVolume v = makeVolume(1);
        const std::byte* data = v.bytes().data();
        QVERIFY(v.reshape({9, 7, 1, 4}));
        QCOMPARE(v.phases(), 4);
        QCOMPARE(v.bytes().data(), data);
        QVERIFY(!v.reshape({9, 7, 1, 5}));
    }
};

QTEST_GUILESS_MAIN(TestMetaNrrd)
#include "tst_MetaNrrd.moc"
