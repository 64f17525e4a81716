// QRS detection on real annotated records (whole records) and plausibility on records the
// detector was never tuned on. Skips when ../shared/data is absent.
#include "TestData.h"

#include "ecg/EcgReader.h"
#include "ecg/MitAnnotationIO.h"
#include "ecg/dsp/HeartRate.h"
#include "ecg/dsp/RecordQrs.h"

#include <QDir>
#include <QtTest>

using namespace cardiolens;
using namespace cardiolens::ecg;

namespace {
struct Scored {
    BeatScore score;
    double meanHr = 0.0;
};

Scored detectAndScore(const QString& path) {
    Scored out;
    const auto record = EcgReader::open(path);
    if (!record) {
        qWarning("%s", qPrintable(record.error().describe()));
        return out;
    }
    const auto qrs = detectRecordQrs(record.value());
    const auto reference = MitAnnotationIO::read(path, QStringLiteral("atr"));
    if (!qrs || !reference)
        return out;
    out.score = scoreQrs(qrs.value(), reference.value());
    out.meanHr =
        timeDomainHrv(rrIntervalsMs(QrsDetector::positions(qrs->beats), qrs->fs)).meanHeartRateBpm;
    return out;
}

double meanHeartRate(const QString& path) {
    const auto record = EcgReader::open(path);
    if (!record)
        return 0.0;
    const auto qrs = detectRecordQrs(record.value());
    if (!qrs)
        return 0.0;
    return timeDomainHrv(rrIntervalsMs(QrsDetector::positions(qrs->beats), qrs->fs))
        .meanHeartRateBpm;
}
} // namespace

class TestQrsAccuracy : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // The full benchmark set, whole records (all of it runs in well under a second).
    void grossAccuracyOnAnnotatedRecords() {
        BeatScore gross;
        int found = 0;
        for (const QString& rel : qrsBenchmarkRecords()) {
            const QString hea = test::shared(rel + QStringLiteral(".hea"));
            if (hea.isEmpty())
                continue;
            ++found;
            const Scored s = detectAndScore(hea);
            QVERIFY2(s.score.truePositives > 0, qPrintable(rel));
            qInfo("%s: TP %lld FP %lld FN %lld Se %.2f +P %.2f", qPrintable(rel),
                  (long long)s.score.truePositives, (long long)s.score.falsePositives,
                  (long long)s.score.falseNegatives, s.score.sensitivity(),
                  s.score.positivePredictivity());
            // No single record may fail badly, whatever the gross figure.
            QVERIFY2(s.score.sensitivity() > 97.0 && s.score.positivePredictivity() > 95.0,
                     qPrintable(rel));
            gross += s.score;
        }
        if (found == 0)
            QSKIP("shared data not available: annotated QRS records");
        QCOMPARE(found, int(qrsBenchmarkRecords().size()));
        qInfo("gross: TP %lld FP %lld FN %lld Se %.3f +P %.3f", (long long)gross.truePositives,
              (long long)gross.falsePositives, (long long)gross.falseNegatives, gross.sensitivity(),
              gross.positivePredictivity());
        QVERIFY(gross.sensitivity() >= 99.5);
        QVERIFY(gross.positivePredictivity() >= 99.5);
    }

    // Never tuned on: the MIT-BIH 100s excerpt bundled with the app.
    void bundledExcerpt() {
        const QString hea = test::sample(QStringLiteral("ecg/mitdb/100s.hea"));
        if (!QFileInfo::exists(hea))
            QSKIP("bundled sample missing");
        const Scored s = detectAndScore(hea);
        QCOMPARE(s.score.falseNegatives, std::int64_t(0));
        QCOMPARE(s.score.falsePositives, std::int64_t(0));
        QVERIFY(s.meanHr > 70.0 && s.meanHr < 80.0);
    }

    // Never tuned on: CinC 2021 12-lead records. Heart rates must agree with the
    // diagnoses in their headers (sinus tachycardia > 100 bpm, sinus bradycardia < 60).
    void cinc2021HeartRatesMatchDiagnoses() {
        CARDIOLENS_REQUIRE_SHARED(dir, "ecg/cinc2021");
        const QStringList heas = QDir(dir).entryList({QStringLiteral("*.hea")}, QDir::Files);
        QVERIFY(!heas.isEmpty());
        int tachy = 0, brady = 0;
        for (const QString& name : heas) {
            const QString path = QDir(dir).filePath(name);
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QString header = QString::fromLatin1(f.readAll());
            const double hr = meanHeartRate(path);
            QVERIFY2(hr > 35.0 && hr < 200.0, qPrintable(name));
            if (header.contains(QStringLiteral("427084000"))) { // sinus tachycardia
                QVERIFY2(hr > 100.0, qPrintable(QStringLiteral("%1: %2 bpm").arg(name).arg(hr)));
                ++tachy;
            }
            // Sinus bradycardia; premature beats may lift the mean a little.
            if (header.contains(QStringLiteral("426177001"))) {
                QVERIFY2(hr < 62.0, qPrintable(QStringLiteral("%1: %2 bpm").arg(name).arg(hr)));
                ++brady;
            }
        }
        QVERIFY(tachy >= 5 && brady >= 3);
    }

    // Never tuned on: CinC 2017 single-lead AliveCor records labelled normal rhythm have
    // normal heart rates.
    void cinc2017NormalRhythmRates() {
        CARDIOLENS_REQUIRE_SHARED(reference, "ecg/cinc2017/REFERENCE.csv");
        QFile f(reference);
        QVERIFY(f.open(QIODevice::ReadOnly));
        int checked = 0;
        while (!f.atEnd()) {
            const QStringList cols = QString::fromLatin1(f.readLine()).trimmed().split(u',');
            if (cols.size() != 2 || cols[1] != QLatin1String("N"))
                continue;
            const QString hea = test::shared(QStringLiteral("ecg/cinc2017/%1.hea").arg(cols[0]));
            if (hea.isEmpty())
                continue;
            const double hr = meanHeartRate(hea);
            QVERIFY2(hr > 40.0 && hr < 110.0,
                     qPrintable(QStringLiteral("%1: %2 bpm").arg(cols[0]).arg(hr)));
            ++checked;
        }
        QVERIFY(checked >= 50);
    }
};

QTEST_GUILESS_MAIN(TestQrsAccuracy)
#include "tst_QrsAccuracy.moc"
