// Min/max pyramid: every query equals brute force; background build, progress, cancel.
#include "TestData.h"

#include "ecg/EcgReader.h"
#include "ecg/dsp/PyramidBuilder.h"
#include "ecg/dsp/RecordPyramid.h"

#include <QtTest>

#include <random>

using namespace cardiolens::ecg;

namespace {
struct Record {
    int leads = 3;
    std::int64_t length = 0;
    std::vector<std::int32_t> frames; // interleaved
    FrameReader reader() const {
        return [this](std::int64_t first, std::int64_t count, std::int32_t* out) {
            if (first < 0 || count < 0 || first + count > length)
                return false;
            std::copy_n(frames.begin() + first * leads, count * leads, out);
            return true;
        };
    }
};

Record randomWalk(std::int64_t length, int leads) {
    Record r;
    r.leads = leads;
    r.length = length;
    r.frames.resize(std::size_t(length * leads));
    std::mt19937 rng(42);
    std::uniform_int_distribution<int> step(-40, 40);
    std::vector<std::int32_t> value(std::size_t(leads), 0);
    for (std::int64_t i = 0; i < length; ++i)
        for (int l = 0; l < leads; ++l) {
            value[std::size_t(l)] += step(rng) + (i % 997 == 0 ? 3000 : 0); // rare spikes
            r.frames[std::size_t(i * leads + l)] = value[std::size_t(l)];
        }
    return r;
}

std::vector<MinMax> bruteForce(const Record& r, int lead, std::int64_t first, std::int64_t last,
                               int columns) {
    std::vector<MinMax> out(static_cast<std::size_t>(columns));
    const std::int64_t span = last - first;
    for (int c = 0; c < columns; ++c) {
        const std::int64_t a = first + c * span / columns;
        const std::int64_t b = std::max(a + 1, first + (c + 1) * span / columns);
        for (std::int64_t i = a; i < b; ++i)
            out[std::size_t(c)].add(r.frames[std::size_t(i * r.leads + lead)]);
    }
    return out;
}
} // namespace

class TestEcgPyramid : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void queriesEqualBruteForce() {
        const Record rec = randomWalk(200003, 3); // not a multiple of any bucket size
        for (int bucket : {16, 100}) {
            const auto pyramid = PyramidBuilder::build(rec.reader(), rec.leads, rec.length, bucket);
            QVERIFY(pyramid);
            QVERIFY(pyramid->levelCount() > 3);
            std::mt19937 rng(bucket);
            for (int q = 0; q < 300; ++q) {
                const int lead = int(rng() % 3);
                std::int64_t a = std::int64_t(rng() % std::uint32_t(rec.length));
                std::int64_t b = std::int64_t(rng() % std::uint32_t(rec.length + 1));
                if (q % 10 == 0)
                    b = rec.length; // ranges ending at the record's short last bucket
                if (q % 7 == 0)
                    a = 0;
                if (a > b)
                    std::swap(a, b);
                if (a == b)
                    continue;
                const int columns = 1 + int(rng() % 1500);
                const auto got = pyramid->query(lead, a, b, columns, rec.reader());
                QCOMPARE(got.size(), std::size_t(columns));
                const auto want = bruteForce(rec, lead, a, b, columns);
                for (int c = 0; c < columns; ++c)
                    if (!(got[std::size_t(c)] == want[std::size_t(c)]))
                        QFAIL(qPrintable(QStringLiteral("lead %1 [%2,%3) %4 columns: column %5")
                                             .arg(lead)
                                             .arg(a)
                                             .arg(b)
                                             .arg(columns)
                                             .arg(c)));
            }
            // The whole record in one column is the top level.
            const auto all = pyramid->query(1, 0, rec.length, 1, rec.reader());
            QCOMPARE(all.front(), bruteForce(rec, 1, 0, rec.length, 1).front());
        }
    }

    // A real record (the bundled MIT-BIH 100s) built in the background through its reader.
    void realRecordInBackground() {
        const QString hea = cardiolens::test::sample(QStringLiteral("ecg/mitdb/100s.hea"));
        const auto record = EcgReader::open(hea);
        QVERIFY(record);
        auto builder = startPyramidBuild(record.value(), 32);
        QVERIFY(builder);
        const auto pyramid = builder.value()->result();
        QVERIFY(pyramid);
        const auto reader = recordFrameReader(record.value());
        QVERIFY(reader);
        for (int lead = 0; lead < 2; ++lead) {
            const std::vector<std::int32_t> raw = record->raw(lead, 0, record->frameCount);
            const auto columns = pyramid->query(lead, 1234, record->frameCount, 97, reader.value());
            QCOMPARE(columns.size(), std::size_t(97));
            const std::int64_t span = record->frameCount - 1234;
            for (int c = 0; c < 97; ++c) {
                MinMax want;
                for (std::int64_t i = 1234 + c * span / 97; i < 1234 + (c + 1) * span / 97; ++i)
                    want.add(raw[std::size_t(i)]);
                QCOMPARE(columns[std::size_t(c)], want);
            }
        }
    }

    void rejectsBadQueries() {
        const Record rec = randomWalk(1000, 2);
        const auto pyramid = PyramidBuilder::build(rec.reader(), rec.leads, rec.length, 16);
        QVERIFY(pyramid->query(2, 0, 10, 5, rec.reader()).empty());
        QVERIFY(pyramid->query(0, 0, 1001, 5, rec.reader()).empty());
        QVERIFY(pyramid->query(0, 5, 5, 5, rec.reader()).empty());
        QVERIFY(pyramid->query(0, 0, 10, 0, rec.reader()).empty());
        const FrameReader failing = [](std::int64_t, std::int64_t, std::int32_t*) {
            return false;
        };
        QVERIFY(pyramid->query(0, 0, 1000, 10, failing).empty());
        QVERIFY(!PyramidBuilder::build(failing, 2, 1000, 16));
    }

    void backgroundBuildReportsProgress() {
        const Record rec = randomWalk(300000, 2);
        PyramidBuilder builder(rec.reader(), rec.leads, rec.length, 64);
        builder.start();
        const auto pyramid = builder.result();
        QVERIFY(pyramid);
        QVERIFY(builder.isFinished());
        QCOMPARE(builder.progress(), 1.0);
        // Bounded memory: about 4/3 * 2 leads * 8 bytes * length / 64.
        QVERIFY(pyramid->memoryBytes() < std::size_t(rec.length) * 2 * 8 / 64 * 3 / 2);
    }

    void cancelStopsTheBuild() {
        const Record rec = randomWalk(300000, 12); // several read blocks
        std::atomic<int> calls{0};
        PyramidBuilder* self = nullptr;
        const FrameReader slow = [&](std::int64_t first, std::int64_t count, std::int32_t* out) {
            if (++calls == 2)
                self->cancel();
            return rec.reader()(first, count, out);
        };
        PyramidBuilder builder(slow, rec.leads, rec.length, 4);
        self = &builder;
        builder.start();
        QVERIFY(!builder.result());
        QVERIFY(builder.progress() < 1.0);
    }
};

QTEST_GUILESS_MAIN(TestEcgPyramid)
#include "tst_EcgPyramid.moc"
