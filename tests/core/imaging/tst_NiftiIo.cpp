#include "imaging/NiftiHeader.h"
#include "imaging/NiftiReader.h"
#include "imaging/NiftiWriter.h"

#include "TestData.h"

#include <QtTest>

#include <cmath>
#include <cstring>

#include <zlib.h>

using namespace cardiolens;
using namespace cardiolens::imaging;

namespace {

QString scratch(const QString& name) {
    return QDir(test::scratchDir()).filePath(name);
}

CineVolume makeCine(PixelType type) {
    auto v = CineVolume::create({7, 5, 3, 4}, type);
    VolumeGeometry& g = v->geometry();
    g.pixelSpacing = {1.5, 1.25};
    g.sliceSpacing = 8.0;
    g.origin = {-10.0, 20.5, 3.25};
    // A rotation about z by 30 degrees: orthonormal but not the identity.
    const double c = std::cos(M_PI / 6), s = std::sin(M_PI / 6);
    g.direction = {c, -s, 0, s, c, 0, 0, 0, 1};
    g.frameTimeMs = 40.0;
    for (int p = 0; p < 4; ++p)
        for (int z = 0; z < 3; ++z)
            for (int y = 0; y < 5; ++y)
                for (int x = 0; x < 7; ++x) {
                    const int value = x + 10 * y + 100 * z + 1000 * p - 2000;
                    if (type == PixelType::Int16)
                        v->frame<std::int16_t>(z, p).at(x, y) = std::int16_t(value);
                    else if (type == PixelType::Float32)
                        v->frame<float>(z, p).at(x, y) = float(value) + 0.25f;
                    else if (type == PixelType::Rgb8)
                        v->frame<Rgb8>(z, p).at(x, y) =
                            Rgb8{std::uint8_t(x * 30), std::uint8_t(y * 40), std::uint8_t(p)};
                }
    return std::move(v).value();
}

// A NIfTI-1 header (348 bytes + 4 extension bytes) claiming dims with int16 voxels.
QByteArray lyingHeader(std::int16_t nx, std::int16_t ny, std::int16_t nz, std::int16_t nt,
                       int extraBytes) {
    QByteArray h(352 + extraBytes, '\0');
    const std::int32_t size = 348;
    std::memcpy(h.data(), &size, 4);
    const std::int16_t dims[8] = {4, nx, ny, nz, nt, 1, 1, 1};
    std::memcpy(h.data() + 40, dims, sizeof dims);
    const std::int16_t datatype = 4, bitpix = 16;
    std::memcpy(h.data() + 70, &datatype, 2);
    std::memcpy(h.data() + 72, &bitpix, 2);
    const float pixdim[8] = {1, 1, 1, 1, 1, 0, 0, 0};
    std::memcpy(h.data() + 76, pixdim, sizeof pixdim);
    const float voxOffset = 352;
    std::memcpy(h.data() + 108, &voxOffset, 4);
    std::memcpy(h.data() + 344, "n+1\0", 4);
    return h;
}

void writeFile(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QCOMPARE(f.write(bytes), bytes.size());
}

void writeGzip(const QString& path, const QByteArray& bytes) {
    gzFile gz = gzopen(QFile::encodeName(path).constData(), "wb");
    QVERIFY(gz != nullptr);
    QCOMPARE(gzwrite(gz, bytes.constData(), unsigned(bytes.size())), int(bytes.size()));
    gzclose(gz);
}

} // namespace

class TestNiftiIo : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTrip4dInt16Gz() {
        const CineVolume original = makeCine(PixelType::Int16);
        const QString path = scratch(QStringLiteral("cine4d.nii.gz"));
        auto written = NiftiWriter::write(original, path);
        QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error().describe()));

        auto header = NiftiHeader::inspect(path);
        QVERIFY2(header.ok(), qPrintable(header.ok() ? QString() : header.error().describe()));
        QVERIFY(header->compressed);
        QCOMPARE(header->dimensions, 4);
        QCOMPARE(header->datatype, 4);

        auto read = NiftiReader::read(path);
        QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().describe()));
        QCOMPARE(read->extent(), original.extent());
        QCOMPARE(read->pixelType(), PixelType::Int16);
        QVERIFY(std::memcmp(read->bytes().data(), original.bytes().data(),
                            original.bytes().size()) == 0);
        QCOMPARE(read->frame<std::int16_t>(2, 3).at(6, 4), std::int16_t(6 + 40 + 200 + 1000));
        const VolumeGeometry& g = read->geometry();
        QVERIFY(std::abs(g.pixelSpacing[0] - 1.5) < 1e-5);
        QVERIFY(std::abs(g.pixelSpacing[1] - 1.25) < 1e-5);
        QVERIFY(std::abs(g.sliceSpacing - 8.0) < 1e-5);
        for (int i = 0; i < 3; ++i)
            QVERIFY2(std::abs(g.origin[std::size_t(i)] -
                              original.geometry().origin[std::size_t(i)]) < 1e-4,
                     qPrintable(QString::number(g.origin[std::size_t(i)])));
        for (int i = 0; i < 9; ++i)
            QVERIFY(std::abs(g.direction[std::size_t(i)] -
                             original.geometry().direction[std::size_t(i)]) < 1e-5);
        QVERIFY2(std::abs(g.frameTimeMs - 40.0) < 1e-3, qPrintable(QString::number(g.frameTimeMs)));
        // The header's own geometry (the fallback for files ITK refuses) agrees with ITK's.
        QStringList unused;
        const VolumeGeometry own = header->geometryFromHeader(unused);
        for (std::size_t i = 0; i < 9; ++i)
            QVERIFY2(std::abs(own.direction[i] - g.direction[i]) < 1e-5,
                     qPrintable(QString::number(i)));
        for (std::size_t i = 0; i < 3; ++i)
            QVERIFY(std::abs(own.origin[i] - g.origin[i]) < 1e-4);
        QVERIFY(std::abs(own.sliceSpacing - 8.0) < 1e-5);
        QCOMPARE(read->info().format, QStringLiteral("NIfTI"));
        QVERIFY2(read->warnings().isEmpty(), qPrintable(read->warnings().join(u';')));
    }

    void roundTripFloatRgbAndLabels() {
        for (PixelType type : {PixelType::Float32, PixelType::Rgb8}) {
            const CineVolume original = makeCine(type);
            const QString path = scratch(QStringLiteral("cine_%1.nii").arg(pixelTypeName(type)));
            QVERIFY(NiftiWriter::write(original, path).ok());
            auto read = NiftiReader::read(path);
            QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().describe()));
            QCOMPARE(read->pixelType(), type);
            QVERIFY(std::memcmp(read->bytes().data(), original.bytes().data(),
                                original.bytes().size()) == 0);
        }
        const CineVolume image = makeCine(PixelType::Int16);
        auto labels = LabelVolume::like(image);
        QVERIFY(labels.ok());
        labels->frame(1, 2).at(3, 3) = 2;
        const QString path = scratch(QStringLiteral("labels.nii.gz"));
        QVERIFY(NiftiWriter::write(*labels, path).ok());
        auto volume = NiftiReader::read(path);
        QVERIFY(volume.ok());
        auto back = LabelVolume::fromVolume(std::move(volume).value());
        QVERIFY(back.ok());
        QVERIFY(back->matches(image));
        QCOMPARE(back->at(3, 3, 1, 2), std::uint8_t(2));
        QCOMPARE(back->at(3, 2, 1, 2), std::uint8_t(0));
    }

    void headerAndImagePair() {
        const CineVolume original = makeCine(PixelType::Int16);
        const QString path = scratch(QStringLiteral("pair.hdr"));
        auto written = NiftiWriter::write(original, path);
        QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error().describe()));
        QVERIFY(QFileInfo::exists(scratch(QStringLiteral("pair.img"))));
        auto header = NiftiHeader::inspect(path);
        QVERIFY(header.ok());
        QVERIFY(header->separateDataFile);
        auto read = NiftiReader::read(path);
        QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().describe()));
        QVERIFY(std::memcmp(read->bytes().data(), original.bytes().data(),
                            original.bytes().size()) == 0);
        // Without its .img the pair is refused by name.
        QVERIFY(QFile::remove(scratch(QStringLiteral("pair.img"))));
        auto orphan = NiftiReader::read(path);
        QVERIFY(!orphan.ok());
        QVERIFY(orphan.error().message.contains(QStringLiteral("pair.img")));
    }

    void refusesHeaderThatLiesAboutItsSize() {
        // 377 bytes asking for 1024 x 1024 x 1024 x 9 int16 voxels (18 GiB).
        const QByteArray bytes = lyingHeader(1024, 1024, 1024, 9, 25);
        QCOMPARE(bytes.size(), 377);
        const QString path = scratch(QStringLiteral("liar.nii"));
        writeFile(path, bytes);
        auto read = NiftiReader::read(path);
        QVERIFY(!read.ok());
        QVERIFY2(read.error().message.contains(QStringLiteral("holds only 377 bytes")),
                 qPrintable(read.error().describe()));
        QCOMPARE(read.error().file, path);

        // The same lie gzip-compressed: refused from the compressed size alone.
        const QString gz = scratch(QStringLiteral("liar.nii.gz"));
        writeGzip(gz, bytes);
        auto readGz = NiftiReader::read(gz);
        QVERIFY(!readGz.ok());
        QVERIFY2(readGz.error().message.contains(QStringLiteral("cannot hold")),
                 qPrintable(readGz.error().describe()));
    }

    void refusesTruncatedFiles() {
        const CineVolume original = makeCine(PixelType::Int16);
        const QString path = scratch(QStringLiteral("whole.nii"));
        QVERIFY(NiftiWriter::write(original, path).ok());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray whole = f.readAll();

        const QString cut = scratch(QStringLiteral("cut.nii"));
        writeFile(cut, whole.left(whole.size() - 100));
        auto read = NiftiReader::read(cut);
        QVERIFY(!read.ok());
        QVERIFY(read.error().message.contains(QStringLiteral("truncated")));

        // A gzip whose stream is complete but whose content is short: the trailer disagrees,
        // the bounded inflate finds the shortfall.
        const QString shortGz = scratch(QStringLiteral("short.nii.gz"));
        writeGzip(shortGz, whole.left(whole.size() - 100));
        auto readShort = NiftiReader::read(shortGz);
        QVERIFY(!readShort.ok());
        QVERIFY2(readShort.error().message.contains(QStringLiteral("decompresses to only")),
                 qPrintable(readShort.error().describe()));

        // A gzip cut in the middle of its stream.
        const QString gzPath = scratch(QStringLiteral("whole.nii.gz"));
        writeGzip(gzPath, whole);
        QFile g(gzPath);
        QVERIFY(g.open(QIODevice::ReadOnly));
        const QByteArray gzBytes = g.readAll();
        const QString cutGz = scratch(QStringLiteral("cut.nii.gz"));
        writeFile(cutGz, gzBytes.left(gzBytes.size() / 2));
        QVERIFY(!NiftiReader::read(cutGz).ok());

        // Header-only garbage.
        const QString tiny = scratch(QStringLiteral("tiny.nii"));
        writeFile(tiny, QByteArray(100, 'x'));
        QVERIFY(!NiftiReader::read(tiny).ok());
        QVERIFY(!NiftiReader::read(scratch(QStringLiteral("missing.nii"))).ok());
    }

    void shearedSformIsReadWithAWarning() {
        // M&Ms-style file: no qform, an sform whose axes are not perpendicular.
        QByteArray bytes = lyingHeader(4, 4, 2, 1, 4 * 4 * 2 * 2);
        const std::int16_t dim0 = 3;
        std::memcpy(bytes.data() + 40, &dim0, 2);
        const std::int16_t codes[2] = {0, 1}; // qform_code, sform_code
        std::memcpy(bytes.data() + 252, codes, sizeof codes);
        const float srow[12] = {1.0f, 0.3f, 0, 5, 0, 1.0f, 0, 6, 0, 0, 2.0f, 7};
        std::memcpy(bytes.data() + 280, srow, sizeof srow);
        const QString path = scratch(QStringLiteral("sheared.nii"));
        writeFile(path, bytes);
        auto read = NiftiReader::read(path);
        QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().describe()));
        QVERIFY(read->geometry().isOrthonormal());
        QVERIFY2(read->warnings().join(u' ').contains(QStringLiteral("orthonormal")),
                 qPrintable(read->warnings().join(u';')));
        QVERIFY(std::abs(read->geometry().sliceSpacing - 2.0) < 1e-4);
    }

    void refusesBadDimensions() {
        QByteArray bytes = lyingHeader(4, 4, 1, 1, 32);
        const std::int16_t negative = -4;
        std::memcpy(bytes.data() + 42, &negative, 2);
        const QString path = scratch(QStringLiteral("negative.nii"));
        writeFile(path, bytes);
        auto read = NiftiReader::read(path);
        QVERIFY(!read.ok());
        QVERIFY(read.error().message.contains(QStringLiteral("dim[1]")));
    }
};

QTEST_GUILESS_MAIN(TestNiftiIo)
#include "tst_NiftiIo.moc"
