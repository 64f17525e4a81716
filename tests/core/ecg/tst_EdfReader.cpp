// EDF, EDF+ (continuous and discontinuous, TAL annotations) and BDF, on fixtures built here
// in the exact byte layout of the EDF specification; damaged headers are clear errors.
#include "ecg/EcgReader.h"
#include "ecg/EdfReader.h"

#include "TestData.h"

#include <QtTest>

#include <cmath>
#include <functional>

using namespace cardiolens;
using namespace cardiolens::ecg;

namespace {

struct Sig {
    QString label;
    QString units = QStringLiteral("uV");
    double physMin = -3200, physMax = 3200;
    int digMin = -32768, digMax = 32767;
    int perRecord = 0;
};

QByteArray pad(const QString& s, int width) {
    QByteArray b = s.toLatin1().left(width);
    b.append(QByteArray(width - b.size(), ' '));
    return b;
}

// Builds an EDF(+)/BDF file. value(signal, record, k) gives the digital samples;
// tal(record) gives the annotation signal's bytes for EDF+ files (last signal).
QByteArray buildEdf(const std::vector<Sig>& sigs, int records, double seconds,
                    const QString& reserved, std::function<int(int, int, int)> value,
                    std::function<QByteArray(int)> tal = {}, int bytesPerSample = 2,
                    const QString& recordsField = QString()) {
    const int ns = int(sigs.size());
    QByteArray h;
    h += bytesPerSample == 3 ? QByteArray("\xff"
                                          "BIOSEMI",
                                          8)
                             : pad(QStringLiteral("0"), 8);
    h += pad(QStringLiteral("X M 01-JAN-1970 Test"), 80);
    h += pad(QStringLiteral("Startdate 02-MAR-2021 fixture"), 80);
    h += pad(QStringLiteral("02.03.21"), 8) + pad(QStringLiteral("10.20.30"), 8);
    h += pad(QString::number(256 * (ns + 1)), 8);
    h += pad(reserved, 44);
    h += pad(recordsField.isEmpty() ? QString::number(records) : recordsField, 8);
    h += pad(QString::number(seconds), 8);
    h += pad(QString::number(ns), 4);
    for (const auto& s : sigs)
        h += pad(s.label, 16);
    for (int i = 0; i < ns; ++i)
        h += pad(QStringLiteral("AgAgCl electrode"), 80);
    for (const auto& s : sigs)
        h += pad(s.units, 8);
    for (const auto& s : sigs)
        h += pad(QString::number(s.physMin), 8);
    for (const auto& s : sigs)
        h += pad(QString::number(s.physMax), 8);
    for (const auto& s : sigs)
        h += pad(QString::number(s.digMin), 8);
    for (const auto& s : sigs)
        h += pad(QString::number(s.digMax), 8);
    for (int i = 0; i < ns; ++i)
        h += pad(QStringLiteral("HP:0.05Hz"), 80);
    for (const auto& s : sigs)
        h += pad(QString::number(s.perRecord), 8);
    for (int i = 0; i < ns; ++i)
        h += pad(QString(), 32);
    for (int r = 0; r < records; ++r)
        for (int i = 0; i < ns; ++i) {
            if (tal && i == ns - 1) {
                QByteArray t = tal(r);
                t.append(
                    QByteArray(sigs[std::size_t(i)].perRecord * bytesPerSample - t.size(), '\0'));
                h += t;
                continue;
            }
            for (int k = 0; k < sigs[std::size_t(i)].perRecord; ++k) {
                const int v = value(i, r, k);
                for (int b = 0; b < bytesPerSample; ++b)
                    h.append(char((v >> (8 * b)) & 0xFF));
            }
        }
    return h;
}

QString save(const QString& name, const QByteArray& bytes) {
    const QString path = QDir(test::scratchDir()).filePath(name);
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(bytes);
    return path;
}

QString describe(const Result<EcgRecord>& r) {
    return r.ok() ? QString() : r.error().describe();
}

} // namespace

class TestEdfReader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void plainEdfMultiRate() {
        // ECG at 500 Hz, respiration at 250 Hz, 1-second data records.
        Sig ecg{QStringLiteral("ECG I"), QStringLiteral("uV"), -3276.8, 3276.7, -32768, 32767, 500};
        Sig resp{QStringLiteral("Resp"), QStringLiteral("mV"), -10, 10, -2048, 2047, 250};
        const auto v = [](int s, int r, int k) {
            return s == 0 ? r * 1000 + k : -(r * 100 + k);
        };
        const QString path = save(QStringLiteral("plain.edf"), buildEdf({ecg, resp}, 3, 1, {}, v));
        QVERIFY(EdfReader::looksLikeEdf(path));
        auto rec = EcgReader::open(path);
        QVERIFY2(rec.ok(), qPrintable(describe(rec)));
        QCOMPARE(rec->formatName, QStringLiteral("EDF"));
        QCOMPARE(rec->frameRate, 250.0);
        QCOMPARE(rec->leads[0].samplesPerFrame, 2);
        QCOMPARE(rec->sampleRate(0), 500.0);
        QCOMPARE(rec->sampleCount(1), 750);
        QCOMPARE(rec->start->date(), QDate(2021, 3, 2));
        QCOMPARE(rec->start->time(), QTime(10, 20, 30));
        const auto raw = rec->raw(0, 498, 4); // Crosses a data record boundary.
        QCOMPARE(raw, (std::vector<std::int32_t>{498, 499, 1000, 1001}));
        QCOMPARE(rec->raw(1, 251, 1).front(), -101);
        // Physical: 0.1 uV per digital unit for the ECG.
        QVERIFY(std::abs(rec->physical(0, 1000, 1).front() - 200.0f) < 1e-3);
        QCOMPARE(rec->leads[0].millivoltsPerUnit(), 0.001);
        std::vector<std::int32_t> frames(3 * 250 * 3);
        QCOMPARE(rec->readFrames(0, 750, frames.data()), 750);
        QCOMPARE(frames[3 * 250 + 1], 1000 + 1); // Frame 250: ECG samples 500, 501.
        QCOMPARE(frames[3 * 250 + 2], -100);
    }

    void edfPlusContinuousAnnotations() {
        Sig ecg{QStringLiteral("ECG"), QStringLiteral("mV"), -5, 5, -2048, 2047, 200};
        Sig ann{QStringLiteral("EDF Annotations"), {}, -1, 1, -32768, 32767, 30};
        auto tal = [](int r) {
            QByteArray t = "+" + QByteArray::number(r) + "\x14\x14\0";
            t.append('\0');
            if (r == 1)
                t += QByteArray("+1.5\x15"
                                "2\x14"
                                "Apnea\x14"
                                "Arousal\x14",
                                25) +
                     '\0';
            return t;
        };
        const QString path =
            save(QStringLiteral("plus.edf"), buildEdf(
                                                 {ecg, ann}, 2, 1, QStringLiteral("EDF+C"),
                                                 [](int, int r, int k) { return r + k; }, tal));
        auto rec = EcgReader::open(path);
        QVERIFY2(rec.ok(), qPrintable(describe(rec)));
        QCOMPARE(rec->formatName, QStringLiteral("EDF+C"));
        QCOMPARE(rec->leadCount(), 1);
        QCOMPARE(rec->frameCount, 400);
        QCOMPARE(rec->annotations.size(), std::size_t(1));
        const auto& items = rec->annotations.front().items;
        QCOMPARE(items.size(), std::size_t(2));
        QCOMPARE(items[0].sample, 300);
        QCOMPARE(items[0].aux, QByteArray("Apnea"));
        QCOMPARE(items[0].duration, 2.0);
        QCOMPARE(items[1].aux, QByteArray("Arousal"));
    }

    void edfPlusDiscontinuousHasGaps() {
        Sig ecg{QStringLiteral("ECG"), QStringLiteral("mV"), -5, 5, -2048, 2047, 100};
        Sig ann{QStringLiteral("EDF Annotations"), {}, -1, 1, -32768, 32767, 20};
        const int onsets[] = {0, 1, 5}; // Seconds: a 3-second gap after record 1.
        auto tal = [&](int r) {
            return "+" + QByteArray::number(onsets[r]) + "\x14\x14" + '\0';
        };
        const QString path = save(QStringLiteral("disc.edf"),
                                  buildEdf(
                                      {ecg, ann}, 3, 1, QStringLiteral("EDF+D"),
                                      [](int, int r, int k) { return r * 100 + k; }, tal));
        auto rec = EcgReader::open(path);
        QVERIFY2(rec.ok(), qPrintable(describe(rec)));
        QCOMPARE(rec->frameCount, 600);
        const auto v = rec->raw(0, 198, 304);
        QCOMPARE(v[0], 198 - 100 + 100); // Record 1, sample 98.
        QCOMPARE(v[2], kInvalidSample);  // Gap.
        QCOMPARE(v[301], kInvalidSample);
        QCOMPARE(v[302], 200); // Record 2 starts at 5 s = sample 500.
        QVERIFY(!rec->warnings.filter(QStringLiteral("gaps")).isEmpty());
        QVERIFY(std::isnan(rec->physical(0, 300, 1).front()));
    }

    void bdf24Bit() {
        Sig ecg{
            QStringLiteral("EXG1"), QStringLiteral("uV"), -262144, 262143, -8388608, 8388607, 256};
        const QString path =
            save(QStringLiteral("x.bdf"),
                 buildEdf(
                     {ecg}, 2, 1, QStringLiteral("24BIT"),
                     [](int, int r, int k) { return (r ? -1 : 1) * k * 30000; }, {}, 3));
        auto rec = EcgReader::open(path);
        QVERIFY2(rec.ok(), qPrintable(describe(rec)));
        QCOMPARE(rec->formatName, QStringLiteral("BDF"));
        QCOMPARE(rec->raw(0, 255, 1).front(), 255 * 30000);
        QCOMPARE(rec->raw(0, 256 + 255, 1).front(), -255 * 30000);
    }

    void recordCountIsCheckedAgainstFileSize() {
        Sig ecg{QStringLiteral("ECG"), QStringLiteral("mV"), -5, 5, -2048, 2047, 100};
        const auto v = [](int, int, int k) {
            return k;
        };
        // Header claims 100000 records; the file holds 2.
        auto r =
            EcgReader::open(save(QStringLiteral("lie.edf"),
                                 buildEdf({ecg}, 2, 1, {}, v, {}, 2, QStringLiteral("100000"))));
        QVERIFY(!r.ok());
        QVERIFY(r.error().file.endsWith(QLatin1String("lie.edf")));
        QVERIFY2(r.error().message.contains(QLatin1String("holds only 2")),
                 qPrintable(r.error().message));
        // -1 (unknown) is derived from the size, with a warning.
        r = EcgReader::open(save(QStringLiteral("unknown.edf"),
                                 buildEdf({ecg}, 2, 1, {}, v, {}, 2, QStringLiteral("-1"))));
        QVERIFY2(r.ok(), qPrintable(describe(r)));
        QCOMPARE(r->frameCount, 200);
        QVERIFY(!r->warnings.isEmpty());
    }

    void damagedHeadersAreErrors() {
        Sig ecg{QStringLiteral("ECG"), QStringLiteral("mV"), -5, 5, -2048, 2047, 100};
        const QByteArray good = buildEdf({ecg}, 1, 1, {}, [](int, int, int k) { return k; });
        const struct {
            const char* name;
            QByteArray bytes;
            const char* expect;
        } cases[] = {
            {"empty.edf", QByteArray(), "too short"},
            {"head.edf", good.left(300), "ends inside the header"},
            {"ns.edf", QByteArray(good).replace(252, 4, "9999"), "signal count"},
            {"dur.edf", QByteArray(good).replace(244, 8, "0       "), "duration"},
            {"num.edf", QByteArray(good).replace(236, 8, "abc     "), "unreadable number"},
            {"range.edf", QByteArray(good).replace(256 + 16 + 80 + 8 + 8 + 8, 8, "5000    "),
             "range"},
        };
        for (const auto& c : cases) {
            QByteArray bytes = c.bytes;
            if (QByteArray(c.name) == "empty.edf")
                bytes = QByteArray("0       ", 8);
            auto r = EdfReader::open(save(QString::fromLatin1(c.name), bytes));
            QVERIFY2(!r.ok(), c.name);
            QVERIFY2(r.error().message.contains(QLatin1String(c.expect)),
                     qPrintable(r.error().describe()));
            QVERIFY(r.error().file.endsWith(QLatin1String(c.name)));
        }
    }
};

QTEST_GUILESS_MAIN(TestEdfReader)
#include "tst_EdfReader.moc"
