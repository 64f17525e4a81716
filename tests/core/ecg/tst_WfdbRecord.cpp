// WFDB record reading: every storage format, multi-file and multi-rate records, the
// shipped real records (decoded values checked against the headers' checksums), bad input.
#include "ecg/EcgReader.h"
#include "ecg/WfdbFormats.h"
#include "ecg/WfdbRecordReader.h"

#include "TestData.h"

#include <QDirIterator>
#include <QtTest>

#include <random>

using namespace cardiolens;
using namespace cardiolens::ecg;

namespace {

QString describe(const Result<EcgRecord>& r) {
    return r.ok() ? QString() : r.error().describe();
}

void writeFile(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

QString scratch(const QString& name) {
    const QString dir = QDir(test::scratchDir()).filePath(name);
    QDir().mkpath(dir);
    return dir;
}

// Interleaves per-signal sample vectors into a flat stream (spf values per signal per frame).
std::vector<std::int32_t> interleave(const std::vector<std::vector<std::int32_t>>& sig,
                                     const std::vector<int>& spf, int frames) {
    std::vector<std::int32_t> flat;
    for (int f = 0; f < frames; ++f)
        for (std::size_t s = 0; s < sig.size(); ++s)
            for (int k = 0; k < spf[s]; ++k)
                flat.push_back(sig[s][std::size_t(f * spf[s] + k)]);
    return flat;
}

} // namespace

class TestWfdbRecord : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void mitdb100sDecodes() {
        CARDIOLENS_REQUIRE_SHARED(path, "ecg/mitdb/100s.hea");
        auto r = WfdbRecordReader::open(path);
        QVERIFY2(r.ok(), qPrintable(describe(r)));
        QCOMPARE(r->leadCount(), 2);
        QCOMPARE(r->frameRate, 360.0);
        QCOMPARE(r->frameCount, 21600);
        QCOMPARE(r->leads[0].name, QStringLiteral("MLII"));
        QCOMPARE(r->leads[0].format, QStringLiteral("wfdb-212"));
        const auto lead0 = r->raw(0, 0, 3);
        QCOMPARE(lead0.front(), 995);
        QCOMPARE(r->raw(1, 0, 1).front(), 1011);
        const auto mv = r->physical(0, 0, 1);
        QCOMPARE(mv.front(), float((995 - 1024) / 200.0));
        QVERIFY(r->warnings.isEmpty());
        QVERIFY(WfdbRecordReader::verifyChecksums(r.value()).isEmpty());
        // Reading from an odd start gives the same samples as a full read.
        const auto all = r->raw(1, 0, 1000);
        const auto part = r->raw(1, 333, 500);
        QVERIFY(std::equal(part.begin(), part.end(), all.begin() + 333));
        // Releasing mapped pages is only a hint: data reads back the same, odd ranges are safe.
        r->releaseFrames(0, std::numeric_limits<std::int64_t>::max());
        r->releaseFrames(-5, 10);
        r->releaseFrames(21599, 1000);
        QVERIFY(r->raw(1, 0, 1000) == all);
        // The record path without extension and the .dat open the same record.
        QVERIFY(WfdbRecordReader::open(path.chopped(4)).ok());
        QVERIFY(WfdbRecordReader::open(path.chopped(4) + QStringLiteral(".dat")).ok());
    }

    void ptbHasTwoSignalFiles() {
        CARDIOLENS_REQUIRE_SHARED(path, "ecg/ptbdb/s0010_re.hea");
        auto r = WfdbRecordReader::open(path);
        QVERIFY2(r.ok(), qPrintable(describe(r)));
        QCOMPARE(r->leadCount(), 15);
        QCOMPARE(r->leads[14].name, QStringLiteral("vz"));
        QCOMPARE(r->frameCount, 38400);
        QCOMPARE(r->raw(12, 0, 1).front(), -3); // vx from the .xyz file
        QCOMPARE(r->raw(14, 0, 1).front(), -18);
        QVERIFY(WfdbRecordReader::verifyChecksums(r.value()).isEmpty());
        // readFrames (one pass, two files) agrees with per-lead reads.
        std::vector<std::int32_t> frames(std::size_t(15 * 100));
        QCOMPARE(r->readFrames(1000, 100, frames.data()), 100);
        const auto vy = r->raw(13, 1000, 100);
        for (int f = 0; f < 100; ++f)
            QCOMPARE(frames[std::size_t(f * 15 + 13)], vy[std::size_t(f)]);
    }

    void matFilesSkipTheirHeader() {
        CARDIOLENS_REQUIRE_SHARED(path, "ecg/challenge2015/a103l.hea");
        auto r = WfdbRecordReader::open(path);
        QVERIFY2(r.ok(), qPrintable(describe(r)));
        QCOMPARE(r->leadCount(), 3);
        QCOMPARE(r->raw(0, 0, 1).front(), -171);
        QCOMPARE(r->leads[2].units, QStringLiteral("NU"));
        QVERIFY(WfdbRecordReader::verifyChecksums(r.value()).isEmpty());
    }

    void cinc2021CarriesSnomedCodes() {
        CARDIOLENS_REQUIRE_SHARED(path, "ecg/cinc2021/E07500.hea");
        auto r = WfdbRecordReader::open(path);
        QVERIFY2(r.ok(), qPrintable(describe(r)));
        QCOMPARE(r->leadCount(), 12);
        QCOMPARE(r->frameRate, 500.0);
        QCOMPARE(r->labels.size(), std::size_t(2));
        QCOMPARE(r->labels[0].scheme, QStringLiteral("snomed-ct"));
        QCOMPARE(r->labels[1].code, QStringLiteral("426177001"));
    }

    void everySharedRecordOpensAndMatchesItsChecksums() {
        const QString root = test::shared(QStringLiteral("ecg"));
        if (root.isEmpty())
            QSKIP("shared ECG data not available");
        QDirIterator it(root, {QStringLiteral("*.hea")}, QDir::Files, QDirIterator::Subdirectories);
        int records = 0, verified = 0, initialWarnings = 0;
        while (it.hasNext()) {
            const QString path = it.next();
            auto r = WfdbRecordReader::open(path);
            QVERIFY2(r.ok(), qPrintable(describe(r)));
            QVERIFY(r->frameCount > 0);
            QVERIFY(r->leadCount() > 0);
            const QStringList bad = WfdbRecordReader::verifyChecksums(r.value());
            QVERIFY2(bad.isEmpty(), qPrintable(bad.join(QLatin1Char('\n'))));
            for (const auto& l : r->leads)
                verified += l.checksum ? 1 : 0;
            for (const QString& w : r->warnings)
                initialWarnings += w.contains(QLatin1String("initial value")) ? 1 : 0;
            ++records;
        }
        // The DICOM ECG opens through the same entry point.
        auto dicom = EcgReader::open(QDir(root).filePath(QStringLiteral("dicom/waveform_ecg.dcm")));
        QVERIFY2(dicom.ok(), qPrintable(describe(dicom)));
        QCOMPARE(dicom->leadCount(), 12);
        QVERIFY(records >= 190);
        QVERIFY(verified >= 330); // Every lead except CinC 2017's (checksum 0 = unknown).
        qInfo("%d records, %d lead checksums verified, %d initial-value warnings", records,
              verified, initialWarnings);
    }

    void cinc2017InitialValueMismatchIsAWarning() {
        const QString root = test::shared(QStringLiteral("ecg/cinc2017"));
        if (root.isEmpty())
            QSKIP("shared CinC 2017 data not available");
        int warned = 0;
        for (const QString& name : QDir(root).entryList({QStringLiteral("*.hea")})) {
            auto r = WfdbRecordReader::open(QDir(root).filePath(name));
            QVERIFY2(r.ok(), qPrintable(describe(r)));
            QVERIFY(!r->leads[0].checksum.has_value());
            std::int32_t first = 0;
            r->readRaw(0, 0, 1, &first);
            const bool mismatch = !r->warnings.filter(QStringLiteral("initial value")).isEmpty();
            warned += mismatch ? 1 : 0;
        }
        QVERIFY(warned >= 1);
    }

    void everyFormatRoundTrips_data() {
        QTest::addColumn<int>("format");
        for (int f : {8, 16, 24, 32, 61, 80, 160, 212, 310, 311})
            QTest::newRow(qPrintable(QString::number(f))) << f;
    }
    void everyFormatRoundTrips() {
        QFETCH(int, format);
        // Three signals, the second at twice the frame rate; odd frame count so packed
        // formats end in a partial group; a byte offset before the samples.
        const int frames = 1001;
        const std::vector<int> spf = {1, 2, 1};
        const int bits = format == 8 || format == 80      ? 8
                         : format == 212                  ? 12
                         : format == 310 || format == 311 ? 10
                         : format == 24                   ? 24
                         : format == 32                   ? 32
                                                          : 16;
        std::mt19937 rng(format);
        std::vector<std::vector<std::int32_t>> sig(3);
        for (std::size_t s = 0; s < 3; ++s) {
            std::int32_t v = 0;
            for (int i = 0; i < frames * spf[s]; ++i) {
                if (format == 8) { // Differences must fit in a byte.
                    v += int(rng() % 41) - 20;
                    sig[s].push_back(v);
                } else {
                    const std::int64_t range = std::int64_t(1) << (bits - 1);
                    sig[s].push_back(
                        std::int32_t(std::int64_t(rng() % std::uint64_t(2 * range - 2)) - range +
                                     2)); // Avoid the invalid value.
                }
            }
        }
        std::vector<std::int32_t> flat = interleave(sig, spf, frames);
        std::vector<std::int32_t> stored = flat;
        if (format == 8) { // Store first differences per signal, starting from 0.
            std::vector<std::int32_t> last(3, 0);
            std::size_t i = 0;
            for (int f = 0; f < frames; ++f)
                for (std::size_t s = 0; s < 3; ++s)
                    for (int k = 0; k < spf[s]; ++k, ++i) {
                        stored[i] = flat[i] - last[s];
                        last[s] = flat[i];
                    }
        }
        QByteArray bytes(7, 'x'); // Byte offset 7.
        const std::int64_t n = wfdb::bytesForSamples(format, std::int64_t(stored.size()));
        bytes.resize(7 + n);
        wfdb::encodeFlat(format, stored.data(), std::int64_t(stored.size()),
                         reinterpret_cast<unsigned char*>(bytes.data()) + 7);
        const QString dir = scratch(QStringLiteral("fmt%1").arg(format));
        writeFile(QDir(dir).filePath(QStringLiteral("r.dat")), bytes);
        QString hea = QStringLiteral("r 3 100 %1\n").arg(frames);
        for (int s = 0; s < 3; ++s)
            hea += QStringLiteral("r.dat %1%2+7 100 %3 0 0 0 0 s%4\n")
                       .arg(format)
                       .arg(spf[std::size_t(s)] > 1 ? QStringLiteral("x%1").arg(spf[std::size_t(s)])
                                                    : QString())
                       .arg(bits)
                       .arg(s);
        writeFile(QDir(dir).filePath(QStringLiteral("r.hea")), hea.toLatin1());
        auto r = WfdbRecordReader::open(QDir(dir).filePath(QStringLiteral("r.hea")));
        QVERIFY2(r.ok(), qPrintable(describe(r)));
        QCOMPARE(r->frameCount, frames);
        QCOMPARE(r->sampleCount(1), frames * 2);
        QCOMPARE(r->sampleRate(1), 200.0);
        for (int s = 0; s < 3; ++s) {
            const auto all = r->raw(s, 0, r->sampleCount(s));
            QCOMPARE(all.size(), sig[std::size_t(s)].size());
            QVERIFY2(all == sig[std::size_t(s)], qPrintable(QStringLiteral("signal %1").arg(s)));
            for (std::int64_t start : {1, 2, 3, 5, 997}) { // Start inside packed groups.
                const auto part = r->raw(s, start, 3);
                QVERIFY(std::equal(part.begin(), part.end(), all.begin() + start));
            }
        }
        std::vector<std::int32_t> framesOut(std::size_t(frames * 4));
        QCOMPARE(r->readFrames(0, frames, framesOut.data()), frames);
        QVERIFY(framesOut == flat);
    }

    void oddStrideFormat212() {
        // Three signals: a lead's samples alternate between the halves of 212 pairs.
        const int frames = 501;
        std::vector<std::int32_t> flat;
        for (int i = 0; i < frames * 3; ++i)
            flat.push_back((i * 37) % 4000 - 2000);
        QByteArray bytes(int(wfdb::bytesForSamples(212, std::int64_t(flat.size()))), 0);
        wfdb::encodeFlat(212, flat.data(), std::int64_t(flat.size()),
                         reinterpret_cast<unsigned char*>(bytes.data()));
        const QString dir = scratch(QStringLiteral("odd212"));
        writeFile(QDir(dir).filePath(QStringLiteral("o.dat")), bytes);
        writeFile(QDir(dir).filePath(QStringLiteral("o.hea")),
                  "o 3 250 501\no.dat 212\no.dat 212\no.dat 212\n");
        auto r = WfdbRecordReader::open(QDir(dir).filePath(QStringLiteral("o")));
        QVERIFY2(r.ok(), qPrintable(describe(r)));
        for (int s = 0; s < 3; ++s) {
            const auto v = r->raw(s, 0, frames);
            for (int f = 0; f < frames; ++f)
                QCOMPARE(v[std::size_t(f)], flat[std::size_t(f * 3 + s)]);
        }
    }

    void multiSegmentRecords() {
        const QString dir = scratch(QStringLiteral("multi"));
        auto segment = [&](const QString& name, const QStringList& leads, int frames, int base) {
            std::vector<std::int32_t> flat;
            for (int f = 0; f < frames; ++f)
                for (int l = 0; l < leads.size(); ++l)
                    flat.push_back(base + f * 10 + l);
            QByteArray bytes(int(flat.size() * 2), 0);
            wfdb::encodeFlat(16, flat.data(), std::int64_t(flat.size()),
                             reinterpret_cast<unsigned char*>(bytes.data()));
            writeFile(QDir(dir).filePath(name + QStringLiteral(".dat")), bytes);
            QString hea = QStringLiteral("%1 %2 100 %3\n").arg(name).arg(leads.size()).arg(frames);
            for (const QString& l : leads)
                hea += QStringLiteral("%1.dat 16 100 16 0 0 0 0 %2\n").arg(name, l);
            writeFile(QDir(dir).filePath(name + QStringLiteral(".hea")), hea.toLatin1());
        };
        segment(QStringLiteral("m_1"), {QStringLiteral("I"), QStringLiteral("II")}, 50, 0);
        segment(QStringLiteral("m_2"), {QStringLiteral("II"), QStringLiteral("I")}, 30, 1000);
        segment(QStringLiteral("m_l"), {QStringLiteral("I"), QStringLiteral("II")}, 0, 0);
        // Fixed layout: m_1, a gap, m_1 again.
        writeFile(QDir(dir).filePath(QStringLiteral("fixed.hea")),
                  "fixed/3 2 100 120\nm_1 50\n~ 20\nm_1 50\n");
        auto r = WfdbRecordReader::open(QDir(dir).filePath(QStringLiteral("fixed.hea")));
        QVERIFY2(r.ok(), qPrintable(describe(r)));
        QCOMPARE(r->frameCount, 120);
        QCOMPARE(r->leads[1].name, QStringLiteral("II"));
        auto v = r->raw(1, 45, 30); // Crosses into the gap and the next segment.
        QCOMPARE(v[0], 451);
        QCOMPARE(v[5], -32768);
        QCOMPARE(v[25], 1);
        QVERIFY(!r->leads[1].isValid(v[5]));
        // Variable layout: signals matched by name, order differs in m_2.
        writeFile(QDir(dir).filePath(QStringLiteral("var.hea")),
                  "var/3 2 100 80\nm_l 0\nm_1 50\nm_2 30\n");
        r = WfdbRecordReader::open(QDir(dir).filePath(QStringLiteral("var.hea")));
        QVERIFY2(r.ok(), qPrintable(describe(r)));
        QCOMPARE(r->frameCount, 80);
        v = r->raw(0, 49, 2); // Lead I: last of m_1, first of m_2 (where it is the 2nd signal).
        QCOMPARE(v[0], 490);
        QCOMPARE(v[1], 1001);
        std::vector<std::int32_t> frames(160);
        QCOMPARE(r->readFrames(0, 80, frames.data()), 80);
        QCOMPARE(frames[2 * 50 + 1], 1000);
        // A segment shorter than the master header says is an error naming the segment.
        writeFile(QDir(dir).filePath(QStringLiteral("bad.hea")), "bad/1 2 100 80\nm_2 90\n");
        r = WfdbRecordReader::open(QDir(dir).filePath(QStringLiteral("bad.hea")));
        QVERIFY(!r.ok());
        QVERIFY(r.error().file.endsWith(QLatin1String("m_2.hea")));
    }

    void headerPromisingTooManySamplesIsRefused() {
        const QString dir = scratch(QStringLiteral("short"));
        writeFile(QDir(dir).filePath(QStringLiteral("s.dat")), QByteArray(100, '\1'));
        writeFile(QDir(dir).filePath(QStringLiteral("s.hea")),
                  "s 1 360 1000000000\ns.dat 16 200 12 0 0 0 0 I\n");
        auto r = WfdbRecordReader::open(QDir(dir).filePath(QStringLiteral("s.hea")));
        QVERIFY(!r.ok());
        QVERIFY(r.error().file.endsWith(QLatin1String("s.dat")));
        QVERIFY2(r.error().message.contains(QLatin1String("holds only 50")),
                 qPrintable(r.error().message));
    }

    void badInputIsAClearError() {
        const QString dir = scratch(QStringLiteral("bad"));
        const struct {
            const char* name;
            QByteArray header;
            QByteArray data;
            const char* expect;
        } cases[] = {
            {"fmt", "fmt 1 360 10\nfmt.dat 999 200 12 0 0 0 0 I\n", QByteArray(20, 0),
             "unsupported WFDB format 999"},
            {"empty", "empty 1 360 10\nempty.dat 16\n", QByteArray(), "holds only 0"},
            {"trunc", "trunc 2 360 10\ntrunc.dat 212\ntrunc.dat 212\n", QByteArray(29, 0),
             "holds only 9"},
            {"garbage", QByteArray("\x7f\x45\x4c\x46\x00\x01", 6), QByteArray(10, 0), "binary"},
            {"nofile", "nofile 1 360 10\nmissing.dat 16\n", QByteArray(), "cannot open"},
            {"offset", "offset 1 360 10\noffset.dat 16+4000\n", QByteArray(10, 0), "byte offset"},
        };
        for (const auto& c : cases) {
            const QString name = QString::fromLatin1(c.name);
            writeFile(QDir(dir).filePath(name + QStringLiteral(".hea")), c.header);
            if (name != QLatin1String("nofile"))
                writeFile(QDir(dir).filePath(name + QStringLiteral(".dat")), c.data);
            auto r = WfdbRecordReader::open(QDir(dir).filePath(name + QStringLiteral(".hea")));
            QVERIFY2(!r.ok(), c.name);
            QVERIFY2(!r.error().file.isEmpty(), c.name);
            QVERIFY2(r.error().message.contains(QLatin1String(c.expect)),
                     qPrintable(r.error().describe()));
        }
        QVERIFY(!WfdbRecordReader::open(QDir(dir).filePath(QStringLiteral("none"))).ok());
    }
};

QTEST_GUILESS_MAIN(TestWfdbRecord)
#include "tst_WfdbRecord.moc"
