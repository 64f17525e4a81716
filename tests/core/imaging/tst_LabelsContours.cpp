// Label table and dataset mappings; contours -> masks (pixel-centre rule) on hand-computed
// cases and the real Sunnybrook expert contours; masks -> contours (marching squares).
#include "TestData.h"

#include "CardiacPhantom.h"
#include "imaging/CardiacLabel.h"
#include "imaging/DatasetLayout.h"
#include "imaging/LabelConvention.h"
#include "imaging/LabelledCaseLoader.h"
#include "imaging/MaskContourTracer.h"
#include "imaging/PolygonRasterizer.h"
#include "imaging/VolumeWriter.h"

#include <QDirIterator>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace cardiolens;
using namespace cardiolens::imaging;

namespace {
Mask2D fill(const Polygon& p, int w = 16, int h = 16) {
    Mask2D m(w, h);
    PolygonRasterizer::fill(p, m, 1);
    return m;
}

Mask2D roundTrip(const Mask2D& mask, std::uint8_t label, double tolerance = 0.0) {
    MaskContourTracer::Options options;
    options.simplifyTolerance = tolerance;
    const auto outlines = MaskContourTracer::trace(mask, label, options);
    Mask2D back(mask.width, mask.height);
    PolygonRasterizer::fill(std::span<const Polygon>(outlines), back, label);
    return back;
}

QStringList sunnybrookContours() {
    const QString root = test::shared(QStringLiteral("imaging/sunnybrook/contourfiles"));
    QStringList files;
    if (root.isEmpty())
        return files;
    QDirIterator it(root, {QStringLiteral("*.txt")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    files.sort();
    return files;
}
} // namespace

class TestLabelsContours : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void labelTableIsIndexedByValue() {
        const auto table = cardiacLabelTable();
        QCOMPARE(int(table.size()), kCardiacLabelCount);
        QSet<QString> keys;
        QSet<quint32> colours;
        for (std::size_t i = 0; i < table.size(); ++i) {
            QCOMPARE(int(labelValue(table[i].label)), int(i));
            keys.insert(QLatin1String(table[i].key));
            colours.insert(quint32(table[i].rgb[0]) << 16 | quint32(table[i].rgb[1]) << 8 |
                           table[i].rgb[2]);
        }
        QCOMPARE(keys.size(), kCardiacLabelCount);
        QCOMPARE(colours.size(), kCardiacLabelCount);
        bool ok = false;
        QCOMPARE(cardiacLabelFromKey(QStringLiteral("rv_blood_pool"), &ok),
                 CardiacLabel::RvBloodPool);
        QVERIFY(ok);
        cardiacLabelFromKey(QStringLiteral("nonsense"), &ok);
        QVERIFY(!ok);
    }

    void datasetMappings_data() {
        QTest::addColumn<int>("convention");
        QTest::addColumn<QList<int>>("internalOf1to3");
        const int lv = labelValue(CardiacLabel::LvBloodPool),
                  myo = labelValue(CardiacLabel::LvMyocardium),
                  rv = labelValue(CardiacLabel::RvBloodPool),
                  la = labelValue(CardiacLabel::LeftAtrium);
        QTest::newRow("ACDC RV=1 MYO=2 LV=3")
            << int(LabelConvention::Acdc) << QList<int>{rv, myo, lv};
        QTest::newRow("M&Ms LV=1 MYO=2 RV=3")
            << int(LabelConvention::Mnms) << QList<int>{lv, myo, rv};
        QTest::newRow("CAMUS LV=1 MYO=2 LA=3")
            << int(LabelConvention::Camus) << QList<int>{lv, myo, la};
    }
    void datasetMappings() {
        QFETCH(int, convention);
        QFETCH(QList<int>, internalOf1to3);
        const auto m = LabelMapping::forConvention(static_cast<LabelConvention>(convention));
        for (int v = 1; v <= 3; ++v) {
            QCOMPARE(int(labelValue(m.toInternal(std::uint8_t(v)))), internalOf1to3[v - 1]);
            QCOMPARE(int(m.fromInternal(m.toInternal(std::uint8_t(v)))), v);
        }
        // Round trip of a whole label array; an undefined value is counted and dropped.
        std::vector<std::uint8_t> original{0, 1, 2, 3, 3, 2, 1, 0};
        std::vector<std::uint8_t> values = original;
        values.push_back(7);
        QCOMPARE(int(m.importInPlace(values)), 1);
        QCOMPARE(int(values.back()), 0);
        values.pop_back();
        QCOMPARE(int(m.exportInPlace(values)), 0);
        QVERIFY(values == original);
        // Internal labels the dataset cannot express export as 0 and are counted.
        std::vector<std::uint8_t> internal{labelValue(CardiacLabel::RightAtrium)};
        QCOMPARE(int(m.exportInPlace(internal)), 1);
        QCOMPARE(int(internal[0]), 0);
    }

    void labelFilesRoundTrip_data() {
        QTest::addColumn<int>("convention");
        QTest::addColumn<QString>("file");
        QTest::newRow("ACDC .nii.gz") << int(LabelConvention::Acdc) << "gt.nii.gz";
        QTest::newRow("M&Ms .nii.gz") << int(LabelConvention::Mnms) << "sa_gt.nii.gz";
        QTest::newRow("internal .mhd") << int(LabelConvention::Internal) << "labels.mhd";
    }
    void labelFilesRoundTrip() {
        // Internal labels -> dataset values -> file -> read back and mapped: unchanged.
        QFETCH(int, convention);
        QFETCH(QString, file);
        tools::CardiacPhantomSpec spec;
        spec.phases = 1;
        const LabelCine internal = tools::CardiacPhantom(spec).render();
        auto volume =
            CineVolume::create({internal.nx, internal.ny, internal.nz, 1}, PixelType::UInt8);
        QVERIFY(volume.ok());
        volume->geometry().pixelSpacing = {internal.spacing[0], internal.spacing[1]};
        volume->geometry().sliceSpacing = internal.spacing[2];
        auto bytes = volume->pixels<std::uint8_t>();
        std::copy(internal.labels.begin(), internal.labels.end(), bytes.begin());
        const auto mapping = LabelMapping::forConvention(static_cast<LabelConvention>(convention));
        QCOMPARE(int(mapping.exportInPlace(bytes)), 0);
        if (convention == int(LabelConvention::Acdc)) // ACDC swaps LV and RV values
            QVERIFY(!std::equal(bytes.begin(), bytes.end(), internal.labels.begin()));
        QTemporaryDir dir;
        const QString path = dir.filePath(file);
        QVERIFY(VolumeWriter::write(*volume, path).ok());
        auto back = LabelledCaseLoader::readLabels(path, static_cast<LabelConvention>(convention));
        if (!back)
            QFAIL(qPrintable(back.error().describe()));
        const auto read = back->labels();
        QVERIFY(
            std::equal(read.begin(), read.end(), internal.labels.begin(), internal.labels.end()));
        QCOMPARE(back->geometry().sliceSpacing, internal.spacing[2]);
    }

    void sunnybrookContourKinds() {
        QCOMPARE(sunnybrookContourLabel(SunnybrookContourKind::Inner), CardiacLabel::LvBloodPool);
        QCOMPARE(sunnybrookContourLabel(SunnybrookContourKind::Outer), CardiacLabel::LvMyocardium);
    }

    void rasteriseHandComputed() {
        // Square through pixel boundaries: exactly the 3 x 3 pixels whose centres it holds.
        Mask2D m = fill({{0.5, 0.5}, {3.5, 0.5}, {3.5, 3.5}, {0.5, 3.5}});
        QCOMPARE(int(countLabel(m, 1)), 9);
        for (int y = 1; y <= 3; ++y)
            for (int x = 1; x <= 3; ++x)
                QCOMPARE(int(m.at(x, y)), 1);
        // Square through pixel centres: left/top edges in, right/bottom edges out.
        m = fill({{0, 0}, {2, 0}, {2, 2}, {0, 2}});
        QCOMPARE(int(countLabel(m, 1)), 4);
        QCOMPARE(int(m.at(0, 0)), 1);
        QCOMPARE(int(m.at(1, 1)), 1);
        QCOMPARE(int(m.at(2, 1)), 0);
        QCOMPARE(int(m.at(1, 2)), 0);
        // Right triangle with legs of 4: rows hold 4, 3, 2, 1 centres (row 4 is the bottom
        // vertex, excluded) = 10, against a shoelace area of 8.
        m = fill({{0, 0}, {4, 0}, {0, 4}});
        QCOMPARE(int(countLabel(m, 1)), 10);
        QCOMPARE(int(m.at(3, 0)), 1);
        QCOMPARE(int(m.at(4, 0)), 0);
        QCOMPARE(int(m.at(2, 1)), 1);
        QCOMPARE(int(m.at(3, 1)), 0);
        // Diamond of radius 2 around (5, 5): 2 + 4 + 2 centres = its area, 8.
        m = fill({{5, 3}, {7, 5}, {5, 7}, {3, 5}});
        QCOMPARE(int(countLabel(m, 1)), 8);
        QCOMPARE(int(m.at(5, 3)), 0);
        QCOMPARE(int(m.at(3, 5)), 1);
        QCOMPARE(int(m.at(7, 5)), 0);
        // Clockwise and counter-clockwise give the same pixels.
        QCOMPARE(int(countLabel(fill({{3, 5}, {5, 7}, {7, 5}, {5, 3}}), 1)), 8);
        // Outline + hole (even-odd): a 6 x 6 block minus the 2 x 2 middle.
        Mask2D ring(16, 16);
        const std::vector<Polygon> rings{{{0.5, 0.5}, {6.5, 0.5}, {6.5, 6.5}, {0.5, 6.5}},
                                         {{2.5, 2.5}, {2.5, 4.5}, {4.5, 4.5}, {4.5, 2.5}}};
        PolygonRasterizer::fill(std::span<const Polygon>(rings), ring, 1);
        QCOMPARE(int(countLabel(ring, 1)), 32);
        QCOMPARE(int(ring.at(3, 3)), 0);
        // Outlines far outside the mask or degenerate ones change nothing.
        m = fill({{-1e9, -1e9}, {-5e8, -1e9}, {-5e8, -5e8}});
        QCOMPARE(int(countLabel(m, 1)), 0);
        m = fill({{1, 1}, {5, 5}});
        QCOMPARE(int(countLabel(m, 1)), 0);
        m = fill({{1, 1}, {5, NAN}, {1, 5}});
        QCOMPARE(int(countLabel(m, 1)), 0);
    }

    void rasteriseTilesWithoutOverlap() {
        // Four triangles of a square split through its diagonals, vertices on pixel centres:
        // every centre of the square belongs to exactly one triangle.
        const Point2 c{6, 6}, a{2, 2}, b{10, 2}, d{10, 10}, e{2, 10};
        const std::vector<Polygon> parts{{a, b, c}, {b, d, c}, {d, e, c}, {e, a, c}};
        Mask2D counts(16, 16);
        for (const Polygon& p : parts) {
            Mask2D one = fill(p);
            for (std::size_t i = 0; i < one.values.size(); ++i)
                counts.values[i] = std::uint8_t(counts.values[i] + one.values[i]);
        }
        QCOMPARE(int(countLabel(counts, 2)), 0);
        QCOMPARE(int(countLabel(counts, 1)), 64); // the 8 x 8 centres of [2, 10)
    }

    void rasteriseSunnybrookContours() {
        const QStringList files = sunnybrookContours();
        if (files.isEmpty())
            QSKIP("shared Sunnybrook contours not available");
        double worstExcess = 0.0;
        for (const QString& f : files) {
            auto polygon = readSunnybrookContour(f);
            if (!polygon)
                QFAIL(qPrintable(polygon.error().describe()));
            const Mask2D mask = fill(*polygon, 256, 256);
            const double pixels = double(countLabel(mask, 1));
            const double area = shoelaceArea(*polygon);
            const double len = perimeter(*polygon);
            // LV cavities and epicardial outlines of an adult at 1.37 mm pixels.
            QVERIFY2(area > 30.0 && area < 8000.0, qPrintable(f));
            // The pixel count differs from the polygon area only along the outline.
            const double excess = std::abs(pixels - area) / len;
            worstExcess = std::max(worstExcess, excess);
            QVERIFY2(excess <= 0.5,
                     qPrintable(QStringLiteral("%1: %2 pixels, area %3, perimeter %4")
                                    .arg(f)
                                    .arg(pixels)
                                    .arg(area)
                                    .arg(len)));
            // Contour -> mask -> contour -> mask is exact; simplified within IoU 0.97.
            QCOMPARE(labelIoU(roundTrip(mask, 1), mask, 1), 1.0);
            QVERIFY(labelIoU(roundTrip(mask, 1, 0.4), mask, 1) >= 0.97);
        }
        qInfo("%lld contours; worst |pixels - area| / perimeter = %.3f", qint64(files.size()),
              worstExcess);
    }

    void sunnybrookInnerInsideOuter() {
        const QStringList files = sunnybrookContours();
        int pairs = 0;
        for (const QString& inner : files) {
            if (!inner.contains(QLatin1String("icontour")))
                continue;
            QString outer = inner;
            outer.replace(QLatin1String("i-contours"), QLatin1String("o-contours"))
                .replace(QLatin1String("icontour"), QLatin1String("ocontour"));
            if (!QFileInfo::exists(outer))
                continue;
            const Mask2D i = fill(*readSunnybrookContour(inner), 256, 256);
            const Mask2D o = fill(*readSunnybrookContour(outer), 256, 256);
            std::size_t outside = 0;
            for (std::size_t k = 0; k < i.values.size(); ++k)
                outside += (i.values[k] && !o.values[k]) ? 1 : 0;
            QVERIFY2(outside <= countLabel(i, 1) / 50, qPrintable(inner));
            QVERIFY(countLabel(o, 1) > countLabel(i, 1));
            ++pairs;
        }
        if (files.isEmpty())
            QSKIP("shared Sunnybrook contours not available");
        QVERIFY(pairs >= 20);
    }

    void sunnybrookExportRoundTrip() {
        // Expert contours -> internal labels -> exported contour files -> labels again.
        const QStringList files = sunnybrookContours();
        if (files.isEmpty())
            QSKIP("shared Sunnybrook contours not available");
        QTemporaryDir dir;
        int pairs = 0;
        for (const QString& inner : files) {
            QString outer = inner;
            outer.replace(QLatin1String("i-contours"), QLatin1String("o-contours"))
                .replace(QLatin1String("icontour"), QLatin1String("ocontour"));
            if (!inner.contains(QLatin1String("icontour")) || !QFileInfo::exists(outer))
                continue;
            Mask2D labels(256, 256);
            PolygonRasterizer::fill(*readSunnybrookContour(outer), labels,
                                    labelValue(CardiacLabel::LvMyocardium));
            PolygonRasterizer::fill(*readSunnybrookContour(inner), labels,
                                    labelValue(CardiacLabel::LvBloodPool));
            Mask2D again(256, 256);
            for (auto kind : {SunnybrookContourKind::Outer, SunnybrookContourKind::Inner}) {
                const Polygon exported = sunnybrookContourFromLabels(labels, kind);
                QVERIFY(exported.size() >= 4);
                const QString path = dir.filePath(QStringLiteral("contour.txt"));
                QVERIFY(writeSunnybrookContour(path, exported).ok());
                auto back = readSunnybrookContour(path);
                QVERIFY(back.ok());
                PolygonRasterizer::fill(*back, again, labelValue(sunnybrookContourLabel(kind)));
            }
            QVERIFY(again.values == labels.values);
            ++pairs;
        }
        QVERIFY(pairs >= 20);
    }

    void traceHandComputed() {
        Mask2D m(8, 8);
        m.at(3, 3) = 1; // one pixel -> a diamond through its edge midpoints
        auto outlines = MaskContourTracer::trace(m, 1);
        QCOMPARE(int(outlines.size()), 1);
        QCOMPARE(int(outlines[0].size()), 4);
        QCOMPARE(signedArea(outlines[0]), 0.5);
        QCOMPARE(labelIoU(roundTrip(m, 1), m, 1), 1.0);
        // Diagonal neighbours are one region (8-connected foreground).
        m.at(4, 4) = 1;
        QCOMPARE(int(MaskContourTracer::trace(m, 1).size()), 1);
        QCOMPARE(labelIoU(roundTrip(m, 1), m, 1), 1.0);
        // A ring: one outer outline (positive area) and one hole (negative).
        Mask2D ring(10, 10);
        for (int y = 1; y <= 7; ++y)
            for (int x = 1; x <= 7; ++x)
                ring.at(x, y) = (x >= 3 && x <= 5 && y >= 3 && y <= 5) ? 0 : 2;
        outlines = MaskContourTracer::trace(ring, 2);
        QCOMPARE(int(outlines.size()), 2);
        QVERIFY(signedArea(outlines[0]) * signedArea(outlines[1]) < 0.0);
        QCOMPARE(labelIoU(roundTrip(ring, 2), ring, 2), 1.0);
        // Labels touching the image border close along it.
        Mask2D full(5, 4, 1);
        outlines = MaskContourTracer::trace(full, 1);
        QCOMPARE(int(outlines.size()), 1);
        QCOMPARE(int(outlines[0].size()), 8); // corners cut at 45 degrees
        QCOMPARE(labelIoU(roundTrip(full, 1), full, 1), 1.0);
        QCOMPARE(int(MaskContourTracer::trace(Mask2D(4, 4), 1).size()), 0);
    }

    void traceRealisticShapes() {
        // Every slice of an analytic heart (blood pools, myocardial rings), every label.
        tools::CardiacPhantomSpec spec;
        spec.phases = 8;
        spec.esPhase = 4;
        const LabelCine cine = tools::CardiacPhantom(spec).render();
        int shapes = 0;
        double worstSimplified = 1.0, exactVertices = 0, simplifiedVertices = 0;
        for (int p = 0; p < cine.nt; ++p) {
            for (int z = 0; z < cine.nz; ++z) {
                Mask2D slice(cine.nx, cine.ny);
                std::copy_n(cine.phaseData(p) + cine.sliceSize() * std::size_t(z), cine.sliceSize(),
                            slice.values.begin());
                for (std::uint8_t label = 1; label <= 3; ++label) {
                    // Cross-sections of at least 100 pixels (2.25 cm^2 at 1.5 mm): smaller
                    // apical caps lose a larger share to a half-pixel simplification.
                    if (countLabel(slice, label) < 100)
                        continue;
                    QCOMPARE(labelIoU(roundTrip(slice, label), slice, label), 1.0);
                    // Simplified outlines (fewer vertices for editing): a tolerance near the
                    // 0.35 px distance of pixel centres from the diagonal steps keeps them.
                    const double iou = labelIoU(roundTrip(slice, label, 0.4), slice, label);
                    worstSimplified = std::min(worstSimplified, iou);
                    MaskContourTracer::Options o;
                    o.simplifyTolerance = 0.4;
                    for (const Polygon& outline : MaskContourTracer::trace(slice, label, o))
                        simplifiedVertices += double(outline.size());
                    for (const Polygon& outline : MaskContourTracer::trace(slice, label))
                        exactVertices += double(outline.size());
                    ++shapes;
                }
            }
        }
        QVERIFY(shapes > 100);
        qInfo("%d shapes; worst IoU after simplification (0.4 px) = %.4f, vertices %.0f -> %.0f",
              shapes, worstSimplified, exactVertices, simplifiedVertices);
        QVERIFY(simplifiedVertices < 0.8 * exactVertices);
        QVERIFY(worstSimplified >= 0.97);
    }
};

QTEST_GUILESS_MAIN(TestLabelsContours)
#include "tst_LabelsContours.moc"
