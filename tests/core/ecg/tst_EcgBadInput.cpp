// Every reader against empty, random and half-valid files: a clear error naming the file,
// never a crash, hang or huge allocation.
#include "ecg/EcgReader.h"
#include "ecg/MitAnnotationIO.h"

#include "TestData.h"

#include <QtTest>

#include <random>

using namespace cardiolens;
using namespace cardiolens::ecg;

namespace {
QString write(const QString& name, const QByteArray& bytes) {
    const QString dir = QDir(test::scratchDir()).filePath(QStringLiteral("bad"));
    QDir().mkpath(dir);
    const QString path = QDir(dir).filePath(name);
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(bytes);
    return path;
}

QByteArray randomBytes(int n, std::mt19937& rng) {
    QByteArray b(n, '\0');
    for (auto& c : b)
        c = char(rng() & 0xFF);
    return b;
}
} // namespace

class TestEcgBadInput : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void garbageNeverCrashes() {
        std::mt19937 rng(7);
        QByteArray dicm(128, '\0');
        dicm += "DICM";
        const std::vector<QByteArray> contents = {
            QByteArray(),
            randomBytes(1000, rng),
            randomBytes(100000, rng),
            QByteArray("0       ") + randomBytes(3000, rng),
            QByteArray("0       ") + QByteArray(248, ' '),
            dicm + randomBytes(2000, rng),
            dicm +
                QByteArray("\x02\x00\x10\x00UI\x14\x00"
                           "1.2.840.10008.1.2.1\0",
                           28) +
                QByteArray("\x08\x00\x16\x00UI\xff\xff", 8),
            QByteArray("rec 1 360 100\nrec.dat 16\n"),
        };
        const QStringList names = {"g.hea", "g.edf", "g.bdf", "g.csv", "g.dcm", "g.txt", "g"};
        int errors = 0;
        for (const QString& name : names)
            for (std::size_t i = 0; i < contents.size(); ++i) {
                const QString path = write(name, contents[i]);
                auto r = EcgReader::open(path);
                if (!r.ok()) {
                    QVERIFY2(!r.error().file.isEmpty(), qPrintable(name));
                    QVERIFY2(!r.error().message.isEmpty(), qPrintable(name));
                    ++errors;
                }
            }
        QCOMPARE(errors, int(names.size() * contents.size())); // None of these is a record.
    }

    void garbageAnnotationFiles() {
        std::mt19937 rng(11);
        for (int i = 0; i < 50; ++i) {
            const QString path =
                write(QStringLiteral("g.atr"), randomBytes(int(rng() % 4000), rng));
            auto r = MitAnnotationIO::read(path); // Ok or an error; must return.
            if (!r.ok())
                QCOMPARE(r.error().file, path);
        }
    }

    void hugeClaimsAreRefusedBeforeAllocating() {
        // A 12-byte signal file whose header claims 10^12 frames of 4096 signals.
        write(QStringLiteral("huge.dat"), QByteArray(12, '\0'));
        QByteArray hea = "huge 4096 1000 1000000000000\n";
        for (int i = 0; i < 4096; ++i)
            hea += "huge.dat 16\n";
        auto r = EcgReader::open(write(QStringLiteral("huge.hea"), hea));
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.contains(QLatin1String("holds only")));
        // Multi-rate frame larger than supported.
        write(QStringLiteral("spf.dat"), QByteArray(12, '\0'));
        r = EcgReader::open(write(QStringLiteral("spf.hea"), "spf 1 1 1\nspf.dat 16x900000\n"));
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.contains(QLatin1String("samples per frame")));
        // Multi-segment record naming itself as a segment.
        r = EcgReader::open(write(QStringLiteral("self.hea"), "self/1 1 250 10\nself 10\n"));
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.contains(QLatin1String("segment")));
    }
};

QTEST_GUILESS_MAIN(TestEcgBadInput)
#include "tst_EcgBadInput.moc"
