// Deterministic mutation testing of every reader: valid small files with header bytes
// overwritten, or cut short, must give a volume or a clean error — never a crash or hang.
#include "imaging/ImageLoader.h"
#include "imaging/VideoWriter.h"
#include "imaging/VolumeWriter.h"

#include "TestData.h"

#include <QtTest>

#include <random>

using namespace cardiolens;
using namespace cardiolens::imaging;

namespace {

QString scratch(const QString& name) {
    return QDir(test::scratchDir()).filePath(name);
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeAll(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(bytes);
}

struct Outcome {
    int refused = 0;                 ///< Variants the loader refused.
    int unnamed = 0;                 ///< Refusals whose message is empty or does not name the file.
    int empty = 0;                   ///< Variants "loaded" as an empty volume.
    int truncatedHeaders = 0;        ///< Variants cut inside the first 64 bytes...
    int truncatedHeadersRefused = 0; ///< ...and how many of those were refused.
};

// Loads `mutations` corrupted variants of `original` written to `target`. A crash fails the
// whole test; a refusal must name the file and say something, a load must give a volume.
Outcome mutateAndLoad(const QByteArray& original, const QString& target, int window, int mutations,
                      std::mt19937& rng, const QString& loadPath = {}) {
    // CARDIOLENS_FUZZ_SCALE=N runs N times as many variants (for a longer local hunt).
    mutations *= std::max(1, qEnvironmentVariableIntValue("CARDIOLENS_FUZZ_SCALE"));
    Outcome o;
    const QString opened = loadPath.isEmpty() ? target : loadPath;
    std::uniform_int_distribution<int> byteValue(0, 255);
    for (int i = 0; i < mutations; ++i) {
        QByteArray bytes = original;
        bool headerCut = false;
        if (i % 4 == 3) {
            bytes.truncate(std::uniform_int_distribution<int>(0, int(original.size()) - 1)(rng));
            headerCut = bytes.size() < 64;
        } else {
            const int n = 1 + i % 3;
            for (int k = 0; k < n; ++k) {
                const int at = std::uniform_int_distribution<int>(
                    0, std::min(window, int(original.size())) - 1)(rng);
                bytes[at] = char(byteValue(rng));
            }
        }
        writeAll(target, bytes);
        auto v = ImageLoader::load(opened);
        o.truncatedHeaders += headerCut;
        if (!v) {
            ++o.refused;
            o.truncatedHeadersRefused += headerCut;
            const QString said = v.error().describe();
            if (v.error().message.isEmpty() || (!said.contains(QFileInfo(opened).fileName()) &&
                                                !said.contains(QFileInfo(target).fileName()))) {
                if (++o.unnamed <= 3)
                    qWarning("refusal without file name or reason: \"%s\"", qPrintable(said));
            }
        } else if (v->isEmpty()) {
            ++o.empty;
        }
    }
    qInfo("%s: %d of %d corrupted variants refused, the rest loaded", qPrintable(target), o.refused,
          mutations);
    return o;
}

// Every refusal named the file and gave a reason; nothing loaded as an empty volume; a file
// cut inside its first 64 bytes never loads.
#define VERIFY_CLEAN_OUTCOME(o)                                                                    \
    do {                                                                                           \
        QCOMPARE((o).unnamed, 0);                                                                  \
        QCOMPARE((o).empty, 0);                                                                    \
        QCOMPARE((o).truncatedHeadersRefused, (o).truncatedHeaders);                               \
    } while (false)

CineVolume small() {
    auto v = CineVolume::create({12, 10, 3, 2}, PixelType::Int16);
    for (std::size_t i = 0; i < v->pixels<std::int16_t>().size(); ++i)
        v->pixels<std::int16_t>()[i] = std::int16_t(i);
    return std::move(v).value();
}

} // namespace

class TestCorruptInput : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void volumesSurviveHeaderCorruption_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("dataName");
        QTest::newRow("nii") << "m.nii"
                             << "";
        QTest::newRow("nii.gz") << "m.nii.gz"
                                << "";
        QTest::newRow("mha") << "m.mha"
                             << "";
        QTest::newRow("mhd header") << "m.mhd"
                                    << "";
        QTest::newRow("mhd raw") << "r.mhd"
                                 << "r.raw";
        QTest::newRow("nrrd") << "m.nrrd"
                              << "";
    }
    void volumesSurviveHeaderCorruption() {
        QFETCH(QString, name);
        QFETCH(QString, dataName);
        const QString path = scratch(name);
        QVERIFY(VolumeWriter::write(small(), path).ok());
        // Mutate the header file, or (for "mhd raw") the separate data file.
        const QString target = dataName.isEmpty() ? path : scratch(dataName);
        const QByteArray original = readAll(target);
        std::mt19937 rng(42);
        const Outcome o = mutateAndLoad(original, target, 600, 150, rng, path);
        VERIFY_CLEAN_OUTCOME(o);
        QVERIFY(o.refused > 0 || !dataName.isEmpty()); // Flipped voxel bytes may load.
    }

    void videoSurvivesCorruption() {
        auto clip = CineVolume::create({48, 40, 1, 8}, PixelType::UInt8);
        clip->geometry().frameTimeMs = 20.0;
        const QString path = scratch(QStringLiteral("m.avi"));
        QVERIFY(VideoWriter::write(*clip, path).ok());
        const QByteArray original = readAll(path);
        std::mt19937 rng(7);
        const Outcome o = mutateAndLoad(original, path, int(original.size()), 60, rng);
        VERIFY_CLEAN_OUTCOME(o);
        QVERIFY(o.refused > 0);
    }

    void dicomSurvivesCorruption() {
        CARDIOLENS_REQUIRE_SHARED(source, "imaging/sunnybrook/dicoms/SCD0000101/1.dcm");
        CARDIOLENS_REQUIRE_SHARED(echo, "imaging/echo/US-PAL-8-10x-echo.dcm");
        std::mt19937 rng(11);
        const QString path = scratch(QStringLiteral("m.dcm"));
        const Outcome mr = mutateAndLoad(readAll(source), path, 1200, 60, rng);
        const QByteArray clip = readAll(echo);
        const Outcome us = mutateAndLoad(clip, path, 4000, 30, rng);
        VERIFY_CLEAN_OUTCOME(mr);
        VERIFY_CLEAN_OUTCOME(us);
        QVERIFY(us.refused > 0);
        QVERIFY(mr.refused > 0);
    }
};

QTEST_GUILESS_MAIN(TestCorruptInput)
#include "tst_CorruptInput.moc"
