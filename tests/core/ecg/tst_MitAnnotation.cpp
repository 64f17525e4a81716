// MIT annotation files: reference beat counts, byte-exact rewrite of every shipped .atr,
// every pseudo-annotation (SKIP, NUM, SUB, CHN, AUX), damaged files.
#include "ecg/MitAnnotationIO.h"

#include "TestData.h"

#include <QDirIterator>
#include <QtTest>

#include <map>

using namespace cardiolens;
using namespace cardiolens::ecg;

namespace {
std::map<QString, int> countCodes(const std::vector<Annotation>& items) {
    std::map<QString, int> counts;
    for (const auto& a : items)
        ++counts[AnnotationCodes::mnemonic(a.code)];
    return counts;
}
} // namespace

class TestMitAnnotation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void mitdb100BeatCounts() {
        CARDIOLENS_REQUIRE_SHARED(path, "ecg/mitdb/100.atr");
        auto set = MitAnnotationIO::read(path);
        QVERIFY2(set.ok(), qPrintable(set.ok() ? QString() : set.error().describe()));
        QCOMPARE(set->annotator, QStringLiteral("atr"));
        auto counts = countCodes(set->items);
        QCOMPARE(counts[QStringLiteral("N")], 2239);
        QCOMPARE(counts[QStringLiteral("A")], 33);
        QCOMPARE(counts[QStringLiteral("V")], 1);
        QCOMPARE(set->items.front().code, int(AnnotationCodes::Rhythm));
        QVERIFY(set->items.front().aux.startsWith("(N"));
        for (std::size_t i = 1; i < set->items.size(); ++i)
            QVERIFY(set->items[i].sample >= set->items[i - 1].sample);
        QVERIFY(set->items.back().sample < 650000);
    }

    void mitdb208BeatCounts() {
        CARDIOLENS_REQUIRE_SHARED(path, "ecg/mitdb/208.hea");
        auto set = MitAnnotationIO::read(path, QStringLiteral("atr"));
        QVERIFY(set.ok());
        auto counts = countCodes(set->items);
        QCOMPARE(counts[QStringLiteral("N")], 1586);
        QCOMPARE(counts[QStringLiteral("V")], 992);
        QCOMPARE(counts[QStringLiteral("F")], 373);
        QVERIFY(counts[QStringLiteral("~")] > 0);
        bool trigeminy = false;
        for (const auto& a : set->items)
            trigeminy = trigeminy || a.aux.startsWith("(T");
        QVERIFY(trigeminy);
    }

    void cpscRhythmAnnotations() {
        CARDIOLENS_REQUIRE_SHARED(path, "ecg/cpsc2021/data_92_12.atr");
        auto set = MitAnnotationIO::read(path);
        QVERIFY(set.ok());
        int afib = 0;
        for (const auto& a : set->items)
            afib += a.aux == "(AFIB" ? 1 : 0;
        QCOMPARE(afib, 1);
    }

    void everySharedAnnotationFileRewritesByteForByte() {
        const QString root = test::shared(QStringLiteral("ecg"));
        if (root.isEmpty())
            QSKIP("shared ECG data not available");
        QDirIterator it(root, {QStringLiteral("*.atr")}, QDir::Files, QDirIterator::Subdirectories);
        int files = 0;
        while (it.hasNext()) {
            const QString path = it.next();
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray original = f.readAll();
            auto items = MitAnnotationIO::parse(original, path);
            QVERIFY2(items.ok(), qPrintable(path));
            QVERIFY(!items->empty());
            const QString copy = QDir(test::scratchDir()).filePath(QFileInfo(path).fileName());
            QVERIFY(MitAnnotationIO::write(copy, items.value()).ok());
            QFile c(copy);
            QVERIFY(c.open(QIODevice::ReadOnly));
            QVERIFY2(c.readAll() == original, qPrintable(path));
            ++files;
        }
        QVERIFY(files >= 13);
    }

    void everyPseudoAnnotationRoundTrips() {
        std::vector<Annotation> in;
        auto add = [&](std::int64_t t, int code, int sub, int chan, int num, QByteArray aux) {
            Annotation a;
            a.sample = t;
            a.code = code;
            a.subtype = sub;
            a.channel = chan;
            a.number = num;
            a.aux = aux;
            in.push_back(a);
        };
        add(0, AnnotationCodes::Rhythm, 0, 0, 0, "(AFIB");
        add(0, AnnotationCodes::Normal, 0, 0, 0, {});
        add(5000, AnnotationCodes::Pvc, -3, 1, 2, {});                    // SKIP, SUB < 0, CHN, NUM
        add(5000, AnnotationCodes::NotQrs, 0, 1, 2, "x");                 // code 0 at step 0
        add(5001 + 3000000000LL, AnnotationCodes::Noise, 1, 0, -1, "(N"); // > 2^31 would wrap
        add(5001 + 3000000000LL + 1023, AnnotationCodes::Normal, 0, 0, -1, {});
        in[4].sample = 5001 + 2000000000LL; // Keep within a signed 32-bit SKIP.
        in[5].sample = in[4].sample + 1023;
        const QString path = QDir(test::scratchDir()).filePath(QStringLiteral("rt.test"));
        QVERIFY(MitAnnotationIO::write(path, in).ok());
        auto out = MitAnnotationIO::read(path);
        QVERIFY2(out.ok(), qPrintable(out.ok() ? QString() : out.error().describe()));
        QCOMPARE(out->items.size(), in.size());
        for (std::size_t i = 0; i < in.size(); ++i)
            QVERIFY2(out->items[i] == in[i], qPrintable(QString::number(i)));
        QCOMPARE(out->annotator, QStringLiteral("test"));
    }

    void outOfOrderWriteIsRefused() {
        std::vector<Annotation> in(2);
        in[0].sample = 10;
        in[1].sample = 5;
        auto w =
            MitAnnotationIO::write(QDir(test::scratchDir()).filePath(QStringLiteral("x.bad")), in);
        QVERIFY(!w.ok());
        QVERIFY(w.error().message.contains(QLatin1String("time order")));
    }

    void damagedFilesAreErrors() {
        const struct {
            QByteArray bytes;
            const char* expect;
        } cases[] = {
            {QByteArray("\x00\xec\x01", 3), "truncated SKIP"}, // SKIP without its value
            {QByteArray("\x05\x04\x09\xfc"
                        "ab",
                        6),
             "truncated AUX"}, // AUX promising 9 bytes
            {QByteArray("\x05\x04\x01", 3), "odd number"},
            {QByteArray("\x05\xf4", 2), "SUB before"},              // SUB first
            {QByteArray("\x05\xd0", 2), "invalid annotation type"}, // type 52
        };
        for (const auto& c : cases) {
            auto r = MitAnnotationIO::parse(c.bytes, QStringLiteral("bad.atr"));
            QVERIFY2(!r.ok(), c.expect);
            QCOMPARE(r.error().file, QStringLiteral("bad.atr"));
            QVERIFY2(r.error().message.contains(QLatin1String(c.expect)),
                     qPrintable(r.error().message));
        }
    }

    void annotatorsAreFound() {
        CARDIOLENS_REQUIRE_SHARED(path, "ecg/mitdb/100.hea");
        QCOMPARE(MitAnnotationIO::annotatorsFor(path), QStringList{QStringLiteral("atr")});
        QCOMPARE(MitAnnotationIO::pathFor(path, QStringLiteral("qrs")),
                 path.chopped(4) + QStringLiteral(".qrs"));
    }

    void severalAnnotatorsPerRecord() {
        const QString dir = QDir(test::scratchDir()).filePath(QStringLiteral("multi-ann"));
        QVERIFY(QDir().mkpath(dir));
        for (const char* ext : {".hea", ".dat", ".atr"})
            QVERIFY(QFile::copy(test::sample(QStringLiteral("ecg/mitdb/100s") + QLatin1String(ext)),
                                QDir(dir).filePath(QStringLiteral("100s") + QLatin1String(ext))));
        const QString record = QDir(dir).filePath(QStringLiteral("100s"));
        auto atr = MitAnnotationIO::read(record, QStringLiteral("atr"));
        QVERIFY(atr.ok());
        std::vector<Annotation> beats;
        for (const auto& a : atr->items)
            if (AnnotationCodes::isBeat(a.code))
                beats.push_back(a);
        const QString qrsPath = MitAnnotationIO::pathFor(record, QStringLiteral("qrs"));
        QVERIFY(MitAnnotationIO::write(qrsPath, beats).ok());
        QCOMPARE(MitAnnotationIO::annotatorsFor(record),
                 (QStringList{QStringLiteral("atr"), QStringLiteral("qrs")}));
        auto qrs = MitAnnotationIO::read(record, QStringLiteral("qrs"));
        QVERIFY(qrs.ok());
        QCOMPARE(qrs->items.size(), beats.size());
        // Overwriting is atomic and leaves no temporary files behind.
        QVERIFY(MitAnnotationIO::write(qrsPath,
                                       std::vector<Annotation>(beats.begin(), beats.begin() + 5))
                    .ok());
        QCOMPARE(QDir(dir).entryList(QDir::Files).size(), 4);
        QCOMPARE(MitAnnotationIO::read(qrsPath)->items.size(), std::size_t(5));
    }

    void codeTable() {
        QCOMPARE(AnnotationCodes::mnemonic(AnnotationCodes::Pvc), QStringLiteral("V"));
        QCOMPARE(AnnotationCodes::fromMnemonic(QStringLiteral("(")), int(AnnotationCodes::WaveOn));
        QCOMPARE(AnnotationCodes::fromMnemonic(QStringLiteral("[45]")), 45);
        QVERIFY(AnnotationCodes::isBeat(AnnotationCodes::Fusion));
        QVERIFY(!AnnotationCodes::isBeat(AnnotationCodes::Rhythm));
        QVERIFY(!AnnotationCodes::isBeat(AnnotationCodes::Noise));
    }
};

QTEST_GUILESS_MAIN(TestMitAnnotation)
#include "tst_MitAnnotation.moc"
