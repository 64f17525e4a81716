#include "formats/FileDescriber.h"
#include "formats/FormatDetector.h"
#include "imaging/ImageLoader.h"
#include "imaging/VideoWriter.h"
#include "imaging/VolumeWriter.h"

#include "TestData.h"

#include <QJsonArray>
#include <QtTest>

#include <cstring>

using namespace cardiolens;
using namespace cardiolens::imaging;

namespace {

QString scratch(const QString& name) {
    return QDir(test::scratchDir()).filePath(name);
}

CineVolume smallCine(PixelType type, int phases) {
    auto v = CineVolume::create({16, 12, 3, phases}, type);
    auto bytes = v->bytes();
    for (std::size_t i = 0; i < bytes.size(); ++i)
        bytes[i] = std::byte(i * 7 % 251);
    v->geometry().frameTimeMs = 20.0;
    return std::move(v).value();
}

} // namespace

class TestImageLoader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void detectsByContentNotName() {
        const CineVolume v = smallCine(PixelType::Int16, 2);
        const QString nii = scratch(QStringLiteral("a.nii.gz"));
        QVERIFY(VolumeWriter::write(v, nii).ok());
        const QString renamed = scratch(QStringLiteral("a_without_extension"));
        QVERIFY(QFile::copy(nii, renamed));
        QCOMPARE(ImageLoader::detect(renamed), ImageFormat::Nifti);
        auto loaded = ImageLoader::load(renamed);
        QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().describe()));
        QVERIFY(std::memcmp(loaded->bytes().data(), v.bytes().data(), v.bytes().size()) == 0);

        const QString nrrd = scratch(QStringLiteral("b.nrrd"));
        QVERIFY(VolumeWriter::write(v, nrrd).ok());
        const QString nrrdRenamed = scratch(QStringLiteral("b.data"));
        QVERIFY(QFile::copy(nrrd, nrrdRenamed));
        QCOMPARE(ImageLoader::detect(nrrdRenamed), ImageFormat::Nrrd);

        auto clip = CineVolume::create({32, 32, 1, 4}, PixelType::UInt8);
        const QString avi = scratch(QStringLiteral("c.avi"));
        QVERIFY(VideoWriter::write(*clip, avi).ok());
        const QString aviRenamed = scratch(QStringLiteral("c.bin"));
        QVERIFY(QFile::copy(avi, aviRenamed));
        QCOMPARE(ImageLoader::detect(aviRenamed), ImageFormat::Video);
        QCOMPARE(ImageLoader::load(aviRenamed)->phases(), 4);

        const QString text = scratch(QStringLiteral("notes.nii"));
        QFile t(text);
        QVERIFY(t.open(QIODevice::WriteOnly));
        t.write("not an image");
        t.close();
        auto bad = ImageLoader::load(text);
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().file, text);
        QVERIFY(!ImageLoader::load(scratch(QStringLiteral("absent.nii"))).ok());
        QCOMPARE(ImageLoader::detect(test::scratchDir()), ImageFormat::Unknown);
    }

    void loadsEveryWrittenFormat() {
        for (const char* name : {"d.nii", "d.mhd", "d.mha", "d.nrrd"}) {
            const CineVolume v = smallCine(PixelType::Float32, 3);
            const QString path = scratch(QString::fromLatin1(name));
            QVERIFY(VolumeWriter::write(v, path).ok());
            auto loaded = ImageLoader::load(path);
            QVERIFY2(loaded.ok(), name);
            QCOMPARE(loaded->extent(), v.extent());
            QVERIFY(std::memcmp(loaded->bytes().data(), v.bytes().data(), v.bytes().size()) == 0);
            QVERIFY(std::abs(loaded->geometry().frameTimeMs - 20.0) < 1e-4);
        }
    }

    void realDataThroughTheSingleEntryPoint() {
        CARDIOLENS_REQUIRE_SHARED(folder, "imaging/sunnybrook/dicoms/SCD0000101");
        CARDIOLENS_REQUIRE_SHARED(echo, "imaging/echo/US-PAL-8-10x-echo.dcm");
        QCOMPARE(ImageLoader::detect(folder), ImageFormat::DicomFolder);
        auto cine = ImageLoader::load(folder);
        QVERIFY(cine.ok());
        QCOMPARE(cine->extent(), (VolumeExtent{256, 256, 12, 20}));
        QCOMPARE(cine->info().sourcePath, folder);
        auto clip = ImageLoader::load(echo);
        QVERIFY(clip.ok());
        QCOMPARE(clip->pixelType(), PixelType::Rgb8);
        QCOMPARE(clip->phases(), 10);
    }

    void infoDescribesVolumesFoldersAndVideos() {
        CARDIOLENS_REQUIRE_SHARED(folder, "imaging/sunnybrook/dicoms/SCD0000101");
        QCOMPARE(formats::FormatDetector::detect(folder), formats::FileKind::DicomFolder);
        auto d = formats::FileDescriber::describe(folder);
        QVERIFY2(d.ok(), qPrintable(d.ok() ? QString() : d.error().describe()));
        QCOMPARE(d->value(QStringLiteral("kind")).toString(), QStringLiteral("dicom-folder"));
        QCOMPARE(d->value(QStringLiteral("slices")).toInt(), 12);
        QCOMPARE(d->value(QStringLiteral("phases")).toInt(), 20);
        const QJsonArray series = d->value(QStringLiteral("series")).toArray();
        QCOMPARE(series.size(), 1);
        QCOMPARE(series[0].toObject().value(QStringLiteral("files")).toInt(), 240);
        QCOMPARE(series[0].toObject().value(QStringLiteral("distinctPositions")).toInt(), 12);

        const QString nii = scratch(QStringLiteral("info.nii.gz"));
        QVERIFY(VolumeWriter::write(smallCine(PixelType::Int16, 5), nii).ok());
        QCOMPARE(formats::FormatDetector::detect(nii), formats::FileKind::ImageVolume);
        auto n = formats::FileDescriber::describe(nii);
        QVERIFY(n.ok());
        QCOMPARE(n->value(QStringLiteral("dimensions")).toArray(), (QJsonArray{16, 12, 3, 5}));
        QVERIFY(std::abs(n->value(QStringLiteral("frameTimeMs")).toDouble() - 20.0) < 1e-4);

        auto clip = CineVolume::create({112, 112, 1, 25}, PixelType::UInt8);
        clip->geometry().frameTimeMs = 20.0;
        const QString avi = scratch(QStringLiteral("info.avi"));
        QVERIFY(VideoWriter::write(*clip, avi).ok());
        auto a = formats::FileDescriber::describe(avi);
        QVERIFY(a.ok());
        QCOMPARE(a->value(QStringLiteral("kind")).toString(), QStringLiteral("video"));
        QCOMPARE(a->value(QStringLiteral("phases")).toInt(), 25);
        QVERIFY(std::abs(a->value(QStringLiteral("frameTimeMs")).toDouble() - 20.0) < 1e-6);
    }
};

QTEST_GUILESS_MAIN(TestImageLoader)
#include "tst_ImageLoader.moc"
