#include "imaging/VideoReader.h"
#include "imaging/VideoWriter.h"

#include "TestData.h"

#include <QtTest>

#include <cmath>

using namespace cardiolens;
using namespace cardiolens::imaging;

namespace {

QString scratch(const QString& name) {
    return QDir(test::scratchDir()).filePath(name);
}

// An EchoNet-like clip: 112 x 112 grey at 50 fps, a bright disc whose radius beats.
CineVolume echoLikeClip(int frames) {
    auto v = CineVolume::create({112, 112, 1, frames}, PixelType::UInt8);
    v->geometry().frameTimeMs = 20.0;
    for (int p = 0; p < frames; ++p) {
        const double radius = 25.0 + 10.0 * std::sin(2.0 * M_PI * p / 40.0);
        auto f = v->frame<std::uint8_t>(0, p);
        for (int y = 0; y < 112; ++y)
            for (int x = 0; x < 112; ++x) {
                const double r = std::hypot(x - 56.0, y - 60.0);
                f.at(x, y) = std::uint8_t(r < radius ? 200 : 30 + (x + y) % 20);
            }
    }
    return std::move(v).value();
}

double meanAbsDiff(const CineVolume& a, const CineVolume& b) {
    double sum = 0.0;
    const auto pa = a.pixels<std::uint8_t>(), pb = b.pixels<std::uint8_t>();
    for (std::size_t i = 0; i < pa.size(); ++i)
        sum += std::abs(int(pa[i]) - int(pb[i]));
    return sum / double(pa.size());
}

} // namespace

class TestVideoIo : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void losslessGreyRoundTrip() {
        const CineVolume clip = echoLikeClip(30);
        const QString path = scratch(QStringLiteral("lossless.avi"));
        auto w = VideoWriter::write(clip, path, VideoWriter::Codec::Ffv1);
        QVERIFY2(w.ok(), qPrintable(w.ok() ? QString() : w.error().describe()));
        auto read = VideoReader::read(path);
        QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().describe()));
        QCOMPARE(read->extent(), (VolumeExtent{112, 112, 1, 30}));
        QCOMPARE(read->pixelType(), PixelType::UInt8);
        QCOMPARE(meanAbsDiff(*read, clip), 0.0);
        QVERIFY(std::abs(read->geometry().frameTimeMs - 20.0) < 1e-6);
        QCOMPARE(read->geometry().triggerTimesMs.size(), std::size_t(30));
        QVERIFY(std::abs(read->geometry().phaseTimeMs(29) - 580.0) < 1e-6);
    }

    void mjpegEchoNetStyleClip() {
        const CineVolume clip = echoLikeClip(50);
        const QString path = scratch(QStringLiteral("echonet.avi"));
        QVERIFY(VideoWriter::write(clip, path).ok());
        QVERIFY(QFileInfo(path).size() < 400 * 1024);
        auto read = VideoReader::read(path);
        QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().describe()));
        QCOMPARE(read->extent(), (VolumeExtent{112, 112, 1, 50}));
        QCOMPARE(read->pixelType(), PixelType::UInt8); // Grey content, flat chroma.
        const double error = meanAbsDiff(*read, clip);
        QVERIFY2(error < 3.0, qPrintable(QString::number(error)));
        QVERIFY(std::abs(read->geometry().frameTimeMs - 20.0) < 1e-3);
        QCOMPARE(read->info().format, QStringLiteral("video"));
    }

    void mp4Clip() {
        const CineVolume clip = echoLikeClip(25);
        const QString path = scratch(QStringLiteral("clip.mp4"));
        auto w = VideoWriter::write(clip, path, VideoWriter::Codec::Mpeg4);
        QVERIFY2(w.ok(), qPrintable(w.ok() ? QString() : w.error().describe()));
        auto read = VideoReader::read(path);
        QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().describe()));
        QVERIFY2(read->extent() == (VolumeExtent{112, 112, 1, 25}),
                 qPrintable(QStringLiteral("%1 phases, %2")
                                .arg(read->phases())
                                .arg(read->warnings().join(u';'))));
        QCOMPARE(read->pixelType(), PixelType::UInt8);
        QVERIFY(meanAbsDiff(*read, clip) < 4.0);
        QVERIFY(std::abs(read->geometry().frameTimeMs - 20.0) < 1e-3);
        // Times from the stream's time stamps: increasing, 20 ms apart on average.
        const auto& t = read->geometry().triggerTimesMs;
        QCOMPARE(t.size(), std::size_t(25));
        QVERIFY(std::abs(t.back() - 24 * 20.0) < 1.0);
    }

    void colourStaysColour() {
        auto v = CineVolume::create({64, 48, 1, 5}, PixelType::Rgb8);
        v->geometry().frameTimeMs = 40.0;
        for (int p = 0; p < 5; ++p)
            for (int y = 0; y < 48; ++y)
                for (int x = 0; x < 64; ++x)
                    v->frame<Rgb8>(0, p).at(x, y) =
                        Rgb8{std::uint8_t(x * 4), std::uint8_t(y * 5), std::uint8_t(p * 50)};
        const QString path = scratch(QStringLiteral("colour.avi"));
        auto w = VideoWriter::write(*v, path, VideoWriter::Codec::Ffv1);
        QVERIFY2(w.ok(), qPrintable(w.ok() ? QString() : w.error().describe()));
        auto read = VideoReader::read(path);
        QVERIFY(read.ok());
        QCOMPARE(read->pixelType(), PixelType::Rgb8);
        QCOMPARE(read->frame<Rgb8>(0, 3).at(10, 20), (Rgb8{40, 100, 150}));
    }

    void brokenFilesFailCleanly() {
        const CineVolume clip = echoLikeClip(40);
        const QString path = scratch(QStringLiteral("whole.avi"));
        QVERIFY(VideoWriter::write(clip, path).ok());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();

        // Cut in the middle of the frame data: fewer frames, with a warning.
        const QString cut = scratch(QStringLiteral("cut.avi"));
        {
            QFile c(cut);
            QVERIFY(c.open(QIODevice::WriteOnly));
            c.write(bytes.left(bytes.size() / 2));
        }
        auto partial = VideoReader::read(cut);
        if (partial.ok()) {
            QVERIFY(partial->phases() < 40);
            QVERIFY(!partial->warnings().isEmpty());
        } else {
            QVERIFY(!partial.error().message.isEmpty());
        }

        // Only the first few bytes, and garbage with a video name.
        const QString stub = scratch(QStringLiteral("stub.avi"));
        {
            QFile c(stub);
            QVERIFY(c.open(QIODevice::WriteOnly));
            c.write(bytes.left(40));
        }
        QVERIFY(!VideoReader::read(stub).ok());
        const QString garbage = scratch(QStringLiteral("garbage.mp4"));
        {
            QFile c(garbage);
            QVERIFY(c.open(QIODevice::WriteOnly));
            c.write(QByteArray(5000, '\x5a'));
        }
        auto g = VideoReader::read(garbage);
        QVERIFY(!g.ok());
        QCOMPARE(g.error().file, garbage);
        QVERIFY(!VideoReader::read(scratch(QStringLiteral("absent.avi"))).ok());
    }
};

QTEST_GUILESS_MAIN(TestVideoIo)
#include "tst_VideoIo.moc"
