// Cine viewer core: playback clock, display windows, label overlay composition and case
// annotations placed on the cine grid (real Sunnybrook contours when the data is present).
#include "imaging/CaseAnnotations.h"
#include "imaging/CinePlayback.h"
#include "imaging/DatasetLayout.h"
#include "imaging/DicomSliceReader.h"
#include "imaging/FrameDisplay.h"
#include "imaging/ImageLoader.h"

#include "SyntheticDatasets.h"
#include "TestData.h"

#include <QtTest>

using namespace cardiolens::imaging;

class TestCineDisplay : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void playbackFollowsTriggerTimes() {
        VolumeGeometry g;
        g.triggerTimesMs = {0, 50, 100, 200};
        CinePlayback pb;
        pb.setTiming(g, 4);
        QCOMPARE(pb.durationMs(0), 50.0);
        QCOMPARE(pb.durationMs(2), 100.0);
        QCOMPARE(pb.durationMs(3), (50.0 + 50.0 + 100.0) / 3.0); // last: mean interval
        QCOMPARE(pb.advance(49.0), 0);
        QCOMPARE(pb.advance(2.0), 1);
        QCOMPARE(pb.advance(50.0), 2);
        QCOMPARE(pb.advance(98.0), 2);
        QCOMPARE(pb.advance(1.0), 3);
        QCOMPARE(pb.advance(70.0), 0); // loops
        pb.setSpeed(2.0);
        QCOMPARE(pb.advance(25.0), 1); // twice as fast
    }

    void playbackFrameTimeAndBounce() {
        VolumeGeometry g;
        g.frameTimeMs = 76.0;
        CinePlayback pb;
        pb.setTiming(g, 3);
        QCOMPARE(pb.durationMs(1), 76.0);
        QVERIFY(std::abs(pb.framesPerSecond() - 1000.0 / 76.0) < 1e-9);
        pb.setMode(CinePlayback::Mode::Bounce);
        std::vector<int> seen;
        for (int i = 0; i < 6; ++i)
            seen.push_back(pb.advance(76.0));
        QCOMPARE(seen, (std::vector<int>{1, 2, 1, 0, 1, 2}));
        // No timing at all: 25 fps.
        CinePlayback plain;
        plain.setTiming(VolumeGeometry{}, 5);
        QCOMPARE(plain.durationMs(0), 40.0);
        // A long stall does not spin forever and stays in range.
        const int p = plain.advance(1e9);
        QVERIFY(p >= 0 && p < 5);
    }

    void percentileWindowOfRamp() {
        auto v = CineVolume::create({100, 10, 1, 1}, PixelType::Int16);
        QVERIFY(v.ok());
        auto f = v->frame<std::int16_t>(0, 0);
        for (int y = 0; y < 10; ++y)
            for (int x = 0; x < 100; ++x)
                f.at(x, y) = std::int16_t(x * 10); // 0..990
        const WindowLevel wl = percentileWindow(*v, 0, 0, 1.0, 99.0);
        QVERIFY(std::abs(wl.level - 495.0) <= 10.0);
        QVERIFY(std::abs(wl.window - 980.0) <= 20.0);
        const WindowLevel full = fullRangeWindow(*v, 0, 0);
        QCOMPARE(full.window, 990.0);
        QCOMPARE(full.level, 495.0);
        QCOMPARE(int(windowed(full.level - full.window, full)), 0);
        QCOMPARE(int(windowed(full.level + full.window, full)), 255);
        QCOMPARE(int(windowed(full.level, full)), 128);
    }

    void overlayFillAndOutline() {
        // 6x5 labels: a 4x3 block of LV blood pool at (1..4, 1..3).
        std::vector<std::uint8_t> labels(30, 0);
        for (int y = 1; y <= 3; ++y)
            for (int x = 1; x <= 4; ++x)
                labels[std::size_t(y * 6 + x)] = 1;
        LabelOverlayStyle style = LabelOverlayStyle::fromLabelTable();
        style.opacity = 0.5;
        std::vector<std::uint8_t> rgba(30 * 4, 7);
        composeLabelOverlay(labels.data(), 6, 5, style, rgba);
        const auto lv = cardiacLabelInfo(CardiacLabel::LvBloodPool).rgb;
        for (int i = 0; i < 30; ++i) {
            const std::uint8_t* px = &rgba[std::size_t(i) * 4];
            if (labels[std::size_t(i)]) {
                QCOMPARE(px[0], lv[0]);
                QCOMPARE(px[3], std::uint8_t(128));
            } else {
                QCOMPARE(px[3], std::uint8_t(0));
            }
        }
        // Outline: the interior pixels (2..3, 2) are not drawn, the rim is, opaque.
        style.mode = LabelOverlayStyle::Mode::Outline;
        composeLabelOverlay(labels.data(), 6, 5, style, rgba);
        QCOMPARE(rgba[std::size_t(2 * 6 + 2) * 4 + 3], std::uint8_t(0));
        QCOMPARE(rgba[std::size_t(1 * 6 + 1) * 4 + 3], std::uint8_t(255));
        // Flipped rows for VTK: source row 1 lands on row 3.
        style.mode = LabelOverlayStyle::Mode::Fill;
        composeLabelOverlay(labels.data(), 6, 5, style, rgba, true);
        QCOMPARE(rgba[std::size_t(3 * 6 + 1) * 4 + 3], std::uint8_t(128));
        QCOMPARE(rgba[std::size_t(4 * 6 + 1) * 4 + 3], std::uint8_t(0));
        // Hidden labels vanish.
        style.visible[1] = false;
        composeLabelOverlay(labels.data(), 6, 5, style, rgba);
        for (int i = 0; i < 30; ++i)
            QCOMPARE(rgba[std::size_t(i) * 4 + 3], std::uint8_t(0));
    }

    void renderedArgbBlendsOverlay() {
        auto v = CineVolume::create({4, 1, 1, 1}, PixelType::UInt8);
        QVERIFY(v.ok());
        auto f = v->frame<std::uint8_t>(0, 0);
        f.at(0, 0) = 0;
        f.at(1, 0) = 100;
        f.at(2, 0) = 200;
        f.at(3, 0) = 255;
        std::vector<std::uint32_t> out(4);
        renderFrameArgb(*v, 0, 0, {255.0, 127.5}, nullptr, nullptr, out);
        QCOMPARE(out[1] & 0xffu, 100u);
        const std::uint8_t labels[4] = {0, 0, 1, 0};
        LabelOverlayStyle style = LabelOverlayStyle::fromLabelTable();
        style.opacity = 1.0;
        renderFrameArgb(*v, 0, 0, {255.0, 127.5}, labels, &style, out);
        const auto lv = cardiacLabelInfo(CardiacLabel::LvBloodPool).rgb;
        QCOMPARE((out[2] >> 16) & 0xffu, std::uint32_t(lv[0]));
        QCOMPARE(out[3] & 0xffu, 255u);
    }

    void generatedCasesLabelsOnTheirFrames_data() {
        QTest::addColumn<QString>("layout");
        QTest::newRow("acdc") << QStringLiteral("acdc");
        QTest::newRow("mnms") << QStringLiteral("mnms");
    }

    void generatedCasesLabelsOnTheirFrames() {
        QFETCH(QString, layout);
        QTemporaryDir dir;
        auto generated = layout == QLatin1String("acdc")
                             ? cardiolens::tools::SyntheticDatasets::writeAcdc(dir.path())
                             : cardiolens::tools::SyntheticDatasets::writeMnms(dir.path());
        QVERIFY(generated.ok());
        auto c = DatasetLayout::open(generated->path);
        QVERIFY(c.ok());
        auto image = ImageLoader::load(c->cineImage);
        QVERIFY(image.ok());
        auto a = annotationsOnImage(*c, *image);
        QVERIFY2(a.ok(), qPrintable(a.ok() ? QString() : a.error().message));
        QCOMPARE(a->labels.nz, image->slices());
        // ED and ES frames are labelled, an unlabelled frame (ACDC) is not.
        bool any = false;
        for (int s = 0; s < image->slices(); ++s)
            any = any || labelFrame(a->labels, s, generated->edFrame) != nullptr;
        QVERIFY(any);
        QVERIFY(labelFrame(a->labels, 0, generated->esFrame) != nullptr);
        if (layout == QLatin1String("acdc") && image->phases() > 2) {
            int unlabelled = 0;
            while (unlabelled == generated->edFrame || unlabelled == generated->esFrame)
                ++unlabelled;
            QVERIFY(labelFrame(a->labels, 0, unlabelled) == nullptr);
        }
        // The metrics panel's numbers match the phantom's analytic truth.
        auto m = computeCineMetrics(a->labels, a->metricsOptions);
        QVERIFY(m.ok());
        QVERIFY2(
            std::abs(m->lvEfPercent - generated->lvEfPercent) < 3.0,
            qPrintable(
                QStringLiteral("EF %1 vs %2").arg(m->lvEfPercent).arg(generated->lvEfPercent)));
        QVERIFY(std::abs(m->lvEdvMl - generated->lvEdvMl) < 0.05 * generated->lvEdvMl);
    }

    void sunnybrookContoursLandOnTheirFrames() {
        CARDIOLENS_REQUIRE_SHARED(dir, "imaging/sunnybrook/dicoms/SCD0000101");
        auto c = DatasetLayout::open(dir);
        QVERIFY2(c.ok(), qPrintable(c.ok() ? QString() : c.error().message));
        auto image = ImageLoader::load(c->cineImage);
        QVERIFY(image.ok());
        auto a = annotationsOnImage(*c, *image);
        QVERIFY2(a.ok(), qPrintable(a.ok() ? QString() : a.error().message));
        QCOMPARE(a->contours.size(), c->contours.size());
        QCOMPARE(a->labels.nz, image->slices());
        // Each contour lands on the frame that holds its DICOM image's pixels.
        for (std::size_t i = 0; i < c->contours.size(); ++i) {
            auto dicom = DicomSliceReader::read(c->contours[i].dicom);
            QVERIFY(dicom.ok());
            const int sl = a->contours[i].slice, ph = a->contours[i].phase;
            int differing = 0;
            for (int y = 0; y < 256; y += 4)
                for (int x = 0; x < 256; x += 4)
                    differing += image->valueAt(x, y, sl, ph) != double(dicom->at(x, y));
            QCOMPARE(differing, 0);
            // The rasterised blood pool lies inside the inner contour's frame.
            if (c->contours[i].kind == SunnybrookContourKind::Inner) {
                const auto* frame =
                    labelFrame(a->labels, a->contours[i].slice, a->contours[i].phase);
                QVERIFY(frame);
                const auto& pts = a->contours[i].points;
                double cx = 0, cy = 0;
                for (const auto& p : pts) {
                    cx += p.x;
                    cy += p.y;
                }
                cx /= double(pts.size());
                cy /= double(pts.size());
                QCOMPARE(
                    int(frame[std::size_t(std::lround(cy)) * 256 + std::size_t(std::lround(cx))]),
                    int(labelValue(CardiacLabel::LvBloodPool)));
            }
        }
        QVERIFY(!labelFrame(a->labels, 0, 19) || a->labels.frameNumbers.size() > 0);
    }
};

QTEST_GUILESS_MAIN(TestCineDisplay)
#include "tst_CineDisplay.moc"
