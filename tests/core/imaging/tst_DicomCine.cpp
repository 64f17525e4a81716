#include "imaging/DicomCineAssembler.h"
#include "imaging/DicomFolder.h"
#include "imaging/DicomInspector.h"
#include "imaging/DicomReader.h"
#include "imaging/DicomSliceReader.h"

#include "TestData.h"

#include <QJsonArray>
#include <QtTest>

#include <cmath>

using namespace cardiolens;
using namespace cardiolens::imaging;

namespace {

QString describe(const Error& e) {
    return e.describe();
}

// A synthetic single-frame entry at slice position z (axial) and trigger time t.
DicomFileEntry entry(double z, double t, int instance) {
    DicomFileEntry e;
    e.path = QStringLiteral("/synthetic/%1.dcm").arg(instance);
    e.instanceNumber = instance;
    e.rows = 4;
    e.columns = 6;
    e.bitsAllocated = 16;
    e.pixelRepresentation = 1;
    e.position = std::array<double, 3>{0.0, 0.0, z};
    e.orientation = std::array<double, 6>{1, 0, 0, 0, 1, 0};
    e.triggerTimeMs = t;
    e.pixelSpacing = {1.5, 1.25};
    e.sliceThickness = 8.0;
    return e;
}

DicomSeries grid(const std::vector<double>& positions, int phases) {
    DicomSeries s;
    int instance = 1;
    // Deliberately reversed order so sorting is exercised.
    for (auto it = positions.rbegin(); it != positions.rend(); ++it)
        for (int p = phases - 1; p >= 0; --p)
            s.files.push_back(entry(*it, 30.0 * p + 5.0, instance++));
    return s;
}

// Mirrors a folder with symbolic links (cheap), leaving out \a skip.
void linkFolder(const QString& from, const QString& to, const QStringList& skip) {
    QDir().mkpath(to);
    for (const QFileInfo& fi : QDir(from).entryInfoList(QDir::Files))
        if (!skip.contains(fi.fileName()))
            QVERIFY(QFile::link(fi.absoluteFilePath(), QDir(to).filePath(fi.fileName())));
}

} // namespace

class TestDicomCine : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sunnybrookOrderedByPositionAndTriggerTime() {
        CARDIOLENS_REQUIRE_SHARED(folder, "imaging/sunnybrook/dicoms/SCD0000101");
        auto series = DicomFolder::scan(folder);
        QVERIFY2(series.ok(), qPrintable(series.ok() ? QString() : describe(series.error())));
        QCOMPARE(series->size(), std::size_t(1));
        const DicomSeries& s = series->front();
        QCOMPARE(s.files.size(), std::size_t(240));
        QCOMPARE(s.distinctPositions(), 12);
        QCOMPARE(s.modality, QStringLiteral("MR"));
        // Leading-zero UID components are tolerated with a warning.
        QVERIFY(DicomFolder::hasLeadingZeroComponent(s.seriesInstanceUid));
        QVERIFY(s.warnings.join(u' ').contains(QStringLiteral("leading-zero")));

        std::vector<QString> sources;
        auto cine = DicomReader::readSeries(s, &sources);
        QVERIFY2(cine.ok(), qPrintable(cine.ok() ? QString() : describe(cine.error())));
        QCOMPARE(cine->extent(), (VolumeExtent{256, 256, 12, 20}));
        QCOMPARE(cine->pixelType(), PixelType::Int16);
        const VolumeGeometry& g = cine->geometry();
        QVERIFY(std::abs(g.pixelSpacing[0] - 1.367188) < 1e-5);
        QVERIFY(std::abs(g.sliceSpacing - 10.0) < 0.05);
        QVERIFY(g.isOrthonormal());
        QCOMPARE(g.triggerTimesMs.size(), std::size_t(20));

        // Independent check from each source file's own header: positions along the
        // normal increase with slice and are constant over phases; trigger times increase
        // with phase; each slice/phase came from a distinct instance.
        const auto normal = g.sliceNormal();
        std::vector<bool> seen(241, false);
        double previousDistance = -1e9;
        int instanceMatchesForward = 0, instanceMatchesReverse = 0;
        for (int slice = 0; slice < 12; ++slice) {
            double sliceDistance = 0.0;
            double previousTime = -1.0;
            for (int phase = 0; phase < 20; ++phase) {
                const QString& file = sources[cine->frameIndex(slice, phase)];
                QVERIFY(!file.isEmpty());
                auto header = DicomInspector::describe(file);
                QVERIFY(header.ok());
                const QJsonArray ipp =
                    header->value(QStringLiteral("imagePositionPatient")).toArray();
                const double d = ipp[0].toDouble() * normal[0] + ipp[1].toDouble() * normal[1] +
                                 ipp[2].toDouble() * normal[2];
                if (phase == 0) {
                    QVERIFY2(d > previousDistance + 5.0, qPrintable(QString::number(d)));
                    sliceDistance = previousDistance = d;
                } else {
                    QVERIFY(std::abs(d - sliceDistance) < 1e-3);
                }
                const double t = header->value(QStringLiteral("triggerTimeMs")).toDouble();
                QVERIFY2(t > previousTime,
                         qPrintable(QStringLiteral("%1 %2").arg(slice).arg(phase)));
                previousTime = t;
                const int n = header->value(QStringLiteral("instanceNumber")).toInt();
                QVERIFY(n >= 1 && n <= 240 && !seen[std::size_t(n)]);
                seen[std::size_t(n)] = true;
                instanceMatchesForward += (n == slice * 20 + phase + 1);
                instanceMatchesReverse += (n == (11 - slice) * 20 + phase + 1);
            }
        }
        // The dataset's instance numbering is slice-major; our order must agree with it
        // (in one of the two directions along the normal) for every frame.
        QVERIFY2(
            instanceMatchesForward == 240 || instanceMatchesReverse == 240,
            qPrintable(
                QStringLiteral("%1/%2").arg(instanceMatchesForward).arg(instanceMatchesReverse)));

        // Frames hold exactly the pixels of the file with that instance number.
        for (const auto& [slice, phase] : {std::pair{0, 0}, {5, 7}, {11, 19}}) {
            const int n = instanceMatchesForward == 240 ? slice * 20 + phase + 1
                                                        : (11 - slice) * 20 + phase + 1;
            const QString file = QDir(folder).filePath(QStringLiteral("%1.dcm").arg(n));
            auto reference = DicomSliceReader::read(file);
            QVERIFY(reference.ok());
            const auto frame = cine->frame<std::int16_t>(slice, phase);
            int mismatches = 0;
            for (int y = 0; y < 256; ++y)
                for (int x = 0; x < 256; ++x)
                    mismatches += float(frame.at(x, y)) != reference->at(x, y);
            QCOMPARE(mismatches, 0);
        }
    }

    void echoClipIsRgbWithFrameTime() {
        CARDIOLENS_REQUIRE_SHARED(path, "imaging/echo/US-PAL-8-10x-echo.dcm");
        auto clip = DicomReader::readFile(path);
        QVERIFY2(clip.ok(), qPrintable(clip.ok() ? QString() : describe(clip.error())));
        QCOMPARE(clip->pixelType(), PixelType::Rgb8);
        QCOMPARE(clip->extent(), (VolumeExtent{600, 430, 1, 10}));
        QCOMPARE(clip->geometry().frameTimeMs, 76.0);
        QCOMPARE(clip->geometry().phaseTimeMs(9), 9 * 76.0);
        QCOMPARE(clip->info().modality, QStringLiteral("US"));
        // Frames differ (the heart moves) and hold real content.
        const auto f0 = clip->frame<Rgb8>(0, 0).pixels();
        const auto f5 = clip->frame<Rgb8>(0, 5).pixels();
        std::size_t differing = 0, bright = 0;
        for (std::size_t i = 0; i < f0.size(); ++i) {
            differing += !(f0[i] == f5[i]);
            bright += f0[i].r > 50 || f0[i].g > 50 || f0[i].b > 50;
        }
        QVERIFY(differing > 1000);
        QVERIFY(bright > 1000);
    }

    void assemblerFillsMissingSliceAndPhase() {
        // Slices at 0, 10, 30, 40 mm (20 missing), 3 phases; one phase missing in slice 3.
        DicomSeries s = grid({0, 10, 30, 40}, 3);
        s.files.erase(s.files.begin()); // Slice 40 mm, last phase.
        auto layout = DicomCineAssembler::assemble(s);
        QVERIFY(layout.ok());
        QCOMPARE(layout->extent, (VolumeExtent{6, 4, 5, 3}));
        QCOMPARE(layout->geometry.sliceSpacing, 10.0);
        QCOMPARE(layout->geometry.pixelSpacing[0], 1.25);
        const QString warnings = layout->warnings.join(u'\n');
        QVERIFY2(warnings.contains(QStringLiteral("1 slice(s) missing")), qPrintable(warnings));
        QVERIFY(warnings.contains(QStringLiteral("slice 4 has no frame for phase 2")));
        QCOMPARE(layout->frameFile[std::size_t(0 * 5 + 2)], -1); // Inserted slice.
        QCOMPARE(layout->frameFile[std::size_t(2 * 5 + 4)], -1); // Missing phase.
        // Phase order by trigger time: slice 0 phase 0 is the entry with t = 5.
        const int f = layout->frameFile[0];
        QCOMPARE(*s.files[std::size_t(f)].triggerTimeMs, 5.0);
        QCOMPARE(*s.files[std::size_t(f)].position, (std::array<double, 3>{0, 0, 0}));
        QCOMPARE(layout->geometry.triggerTimesMs, (std::vector<double>{5, 35, 65}));
    }

    void assemblerReportsAGapTooLargeToFill() {
        // Slices 10 mm apart, then a jump of 12 spacings: not filled (that could allocate a
        // huge volume for one stray file), but never silent.
        DicomSeries s = grid({0, 10, 20, 30, 150}, 2);
        auto layout = DicomCineAssembler::assemble(s);
        QVERIFY(layout.ok());
        QCOMPARE(layout->extent.slices, 5);
        QCOMPARE(layout->geometry.sliceSpacing, 10.0);
        const QString warnings = layout->warnings.join(u'\n');
        QVERIFY2(warnings.contains(QStringLiteral("gap of 120.00 mm (12 slice spacings)")) &&
                     warnings.contains(QStringLiteral("110.00 mm nearer")),
                 qPrintable(warnings));
        // Eight spacings is still filled.
        auto eight = DicomCineAssembler::assemble(grid({0, 10, 20, 100}, 2));
        QVERIFY(eight.ok());
        QCOMPARE(eight->extent.slices, 11);
        QVERIFY(eight->warnings.join(u' ').contains(QStringLiteral("7 slice(s) missing")));
    }

    void assemblerMarksMissingPixelSpacingUnknown() {
        auto known = DicomCineAssembler::assemble(grid({0, 10}, 2));
        QVERIFY(known.ok());
        QVERIFY(known->geometry.pixelSpacingKnown);
        QCOMPARE(known->geometry.pixelSpacing, (std::array<double, 2>{1.25, 1.5}));
        // A real 1.0 mm spacing stays known: 1.0 is not a marker.
        DicomSeries oneMm = grid({0, 10}, 2);
        for (auto& f : oneMm.files)
            f.pixelSpacing = {1.0, 1.0};
        auto one = DicomCineAssembler::assemble(oneMm);
        QVERIFY(one.ok() && one->geometry.pixelSpacingKnown);
        // Either value missing (here the row spacing, then both): unknown, and said so.
        for (const std::array<double, 2> spacing :
             {std::array<double, 2>{0.0, 1.25}, std::array<double, 2>{1.5, 0.0},
              std::array<double, 2>{0.0, 0.0}}) {
            DicomSeries s = grid({0, 10}, 2);
            for (auto& f : s.files)
                f.pixelSpacing = spacing;
            auto layout = DicomCineAssembler::assemble(s);
            QVERIFY(layout.ok());
            QVERIFY(!layout->geometry.pixelSpacingKnown);
            QVERIFY2(layout->warnings.join(u' ').contains(QStringLiteral("spacing unknown")),
                     qPrintable(layout->warnings.join(u' ')));
        }
    }

    void assemblerWarnsOrRefusesBadGeometry() {
        DicomSeries uneven = grid({0, 10, 17, 30}, 2);
        auto a = DicomCineAssembler::assemble(uneven);
        QVERIFY(a.ok());
        QVERIFY(a->warnings.join(u' ').contains(QStringLiteral("inconsistent slice spacing")));

        DicomSeries skewed = grid({0, 10}, 2);
        for (auto& f : skewed.files)
            f.orientation = std::array<double, 6>{1, 0, 0, 0.1, 1, 0};
        auto b = DicomCineAssembler::assemble(skewed);
        QVERIFY(b.ok());
        QVERIFY(b->warnings.join(u' ').contains(QStringLiteral("not orthonormal")));
        QVERIFY(b->geometry.isOrthonormal());

        DicomSeries mixed = grid({0, 10}, 2);
        mixed.files[1].orientation = std::array<double, 6>{0, 1, 0, 0, 0, 1};
        QVERIFY(!DicomCineAssembler::assemble(mixed).ok());

        DicomSeries sizes = grid({0, 10}, 2);
        sizes.files[2].rows = 5;
        auto c = DicomCineAssembler::assemble(sizes);
        QVERIFY(!c.ok());
        QVERIFY(c.error().message.contains(QStringLiteral("differs")));
        QVERIFY(!DicomCineAssembler::assemble(DicomSeries{}).ok());
    }

    void realSeriesWithMissingFilesAndTruncation() {
        CARDIOLENS_REQUIRE_SHARED(folder, "imaging/sunnybrook/dicoms/SCD0000101");
        // Drop a whole inner slice (instances 101..120) and one frame of another slice.
        QStringList skip;
        for (int n = 101; n <= 120; ++n)
            skip << QStringLiteral("%1.dcm").arg(n);
        skip << QStringLiteral("45.dcm");
        const QString copy = QDir(test::scratchDir()).filePath(QStringLiteral("holes"));
        linkFolder(folder, copy, skip);
        auto cine = DicomReader::readFolder(copy);
        QVERIFY2(cine.ok(), qPrintable(cine.ok() ? QString() : describe(cine.error())));
        QCOMPARE(cine->slices(), 12);
        QCOMPARE(cine->phases(), 20);
        const QString warnings = cine->warnings().join(u'\n');
        QVERIFY2(warnings.contains(QStringLiteral("1 slice(s) missing")), qPrintable(warnings));
        QVERIFY(warnings.contains(QStringLiteral("no frame for phase")));

        // A truncated file: a clear error naming it, no crash.
        const QString broken = QDir(test::scratchDir()).filePath(QStringLiteral("truncated"));
        linkFolder(folder, broken, {QStringLiteral("37.dcm")});
        const QString victim = QDir(broken).filePath(QStringLiteral("37.dcm"));
        QVERIFY(QFile::copy(QDir(folder).filePath(QStringLiteral("37.dcm")), victim));
        QFile f(victim);
        f.setPermissions(QFile::ReadOwner | QFile::WriteOwner); // The source may be read-only.
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.resize(f.size() / 2));
        f.close();
        // The folder still loads: the broken file is skipped with a warning naming it, and
        // its frame is left blank with another.
        auto partial = DicomReader::readFolder(broken);
        QVERIFY(partial.ok());
        const QString partialWarnings = partial->warnings().join(u'\n');
        QVERIFY2(partialWarnings.contains(QStringLiteral("37.dcm")) &&
                     partialWarnings.contains(QStringLiteral("truncated")),
                 qPrintable(partialWarnings));
        QVERIFY(partialWarnings.contains(QStringLiteral("no frame for phase")));
        // Read on its own, the file is refused with a clear message.
        auto bad = DicomReader::readFile(victim);
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().message.contains(QStringLiteral("truncated")),
                 qPrintable(describe(bad.error())));
        QVERIFY(!DicomReader::readFile(victim).ok());

        // A header claiming a gigantic image: refused before any allocation.
        DicomSeries liar = grid({0}, 1);
        liar.files[0].path = victim;
        liar.files[0].rows = liar.files[0].columns = 60000;
        auto refused = DicomReader::readSeries(liar);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(QStringLiteral("cannot hold")),
                 qPrintable(describe(refused.error())));
    }
};

QTEST_GUILESS_MAIN(TestDicomCine)
#include "tst_DicomCine.moc"
