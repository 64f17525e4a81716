#include "imaging/CineVolume.h"
#include "imaging/LabelVolume.h"

#include <QtTest>

#include <cmath>

using namespace cardiolens;
using namespace cardiolens::imaging;

class TestCineVolume : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void framesAreContiguousInNiftiOrder() {
        auto v = CineVolume::create({4, 3, 2, 5}, PixelType::Int16);
        QVERIFY(v.ok());
        QCOMPARE(v->bytes().size(), std::size_t(4 * 3 * 2 * 5 * 2));
        QCOMPARE(v->bytesPerFrame(), std::size_t(4 * 3 * 2));
        // Write through a frame view, find the value at the x-fastest linear index.
        v->frame<std::int16_t>(1, 3).at(2, 1) = 1234;
        const std::size_t linear = ((3 * 2 + 1) * 3 + 1) * 4 + 2;
        QCOMPARE(v->pixels<std::int16_t>()[linear], std::int16_t(1234));
        QCOMPARE(v->valueAt(2, 1, 1, 3), 1234.0);
        QVERIFY(v->holds<std::int16_t>());
        QVERIFY(!v->holds<float>());
        // Zero-filled by default.
        QCOMPARE(v->valueAt(0, 0, 0, 0), 0.0);
    }

    void refusesInvalidOrHugeVolumes() {
        auto bad = CineVolume::create({0, 3, 1, 1}, PixelType::UInt8, QStringLiteral("x.nii"));
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().describe().startsWith(QStringLiteral("x.nii: ")));
        auto huge = CineVolume::create({30000, 30000, 100, 30}, PixelType::Float32);
        QVERIFY(!huge.ok());
        QVERIFY(huge.error().message.contains(QStringLiteral("limit")));
    }

    void moveDoesNotCopyAndCloneDoes() {
        auto v = CineVolume::create({8, 8, 1, 2}, PixelType::Float32);
        QVERIFY(v.ok());
        CineVolume a = std::move(v).value();
        const std::byte* data = a.bytes().data();
        CineVolume b = std::move(a);
        QCOMPARE(b.bytes().data(), data);
        CineVolume c = b.clone();
        QVERIFY(c.bytes().data() != data);
        QCOMPARE(c.bytes().size(), b.bytes().size());
    }

    void rgbLumaAndGeometry() {
        auto v = CineVolume::create({2, 2, 1, 1}, PixelType::Rgb8);
        QVERIFY(v.ok());
        v->frame<Rgb8>(0, 0).at(1, 1) = Rgb8{255, 255, 255};
        QVERIFY(std::abs(v->valueAt(1, 1, 0, 0) - 255.0) < 1e-9);

        VolumeGeometry g;
        g.pixelSpacing = {1.5, 2.0};
        g.sliceSpacing = 10.0;
        g.sliceThickness = 8.0;
        g.origin = {1, 2, 3};
        QCOMPARE(g.sliceGap(), 2.0);
        QCOMPARE(g.voxelVolumeMm3(), 30.0);
        const auto p = g.voxelToPatient(2, 1, 3);
        QCOMPARE(p[0], 4.0);
        QCOMPARE(p[1], 4.0);
        QCOMPARE(p[2], 33.0);
        QVERIFY(g.check(1).isEmpty());
        g.direction = {1, 0, 0, 0, 1, 0.2, 0, 0, 1};
        QVERIFY(!g.isOrthonormal());
        g.triggerTimesMs = {0, 40, 30};
        const QStringList problems = g.check(3);
        QCOMPARE(problems.size(), 2);
    }

    void labelsFromVolumes() {
        auto image = CineVolume::create({5, 4, 3, 2}, PixelType::Int16);
        QVERIFY(image.ok());
        auto labels = LabelVolume::like(*image);
        QVERIFY(labels.ok());
        QVERIFY(labels->matches(*image));
        labels->frame(2, 1).at(4, 3) = 3;
        QCOMPARE(labels->at(4, 3, 2, 1), std::uint8_t(3));

        // int16 label file values 0..3 convert; an intensity image does not.
        auto asInt = CineVolume::create({3, 1, 1, 1}, PixelType::Int16);
        asInt->pixels<std::int16_t>()[1] = 2;
        auto converted = LabelVolume::fromVolume(std::move(asInt).value());
        QVERIFY(converted.ok());
        QCOMPARE(converted->at(1, 0, 0, 0), std::uint8_t(2));
        auto intensities = CineVolume::create({3, 1, 1, 1}, PixelType::Int16);
        intensities->pixels<std::int16_t>()[2] = 900;
        QVERIFY(!LabelVolume::fromVolume(std::move(intensities).value()).ok());
    }
};

QTEST_GUILESS_MAIN(TestCineVolume)
#include "tst_CineVolume.moc"
