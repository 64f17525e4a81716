// HR, RR and time-domain HRV on RR series with hand-computed answers; beat matching rules.
#include "ecg/dsp/BeatMatching.h"
#include "ecg/dsp/HeartRate.h"

#include <QtTest>

using namespace cardiolens::ecg;

class TestHeartRate : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void rrFromBeats() {
        const std::vector<std::int64_t> beats{0, 250, 510, 760};
        const std::vector<double> rr = rrIntervalsMs(beats, 250.0);
        QCOMPARE(rr, (std::vector<double>{1000.0, 1040.0, 1000.0}));
        const std::vector<double> hr = heartRateBpm(rr);
        QCOMPARE(hr.front(), 60.0);
        QVERIFY(std::abs(hr[1] - 57.6923) < 1e-3);
        QVERIFY(rrIntervalsMs(std::vector<std::int64_t>{5}, 250.0).empty());
    }

    void timeDomainKnownAnswers() {
        // RR 800, 820, 800, 900: mean 830; deviations -30 -10 -30 70 -> SDNN sqrt(6800/3);
        // successive differences 20 -20 100 -> RMSSD sqrt(10800/3) = 60; pNN50 1/3.
        const std::vector<double> rr{800.0, 820.0, 800.0, 900.0};
        const HrvSummary s = timeDomainHrv(rr);
        QCOMPARE(s.intervals, std::size_t(4));
        QCOMPARE(s.meanRrMs, 830.0);
        QVERIFY(std::abs(s.meanHeartRateBpm - 60000.0 / 830.0) < 1e-9);
        QVERIFY(std::abs(s.sdnnMs - std::sqrt(6800.0 / 3.0)) < 1e-9);
        QVERIFY(std::abs(s.rmssdMs - 60.0) < 1e-9);
        QVERIFY(std::abs(s.pnn50Percent - 100.0 / 3.0) < 1e-9);

        // A perfectly regular rhythm has no variability.
        const HrvSummary flat = timeDomainHrv(std::vector<double>(100, 750.0));
        QCOMPARE(flat.sdnnMs, 0.0);
        QCOMPARE(flat.rmssdMs, 0.0);
        QCOMPARE(flat.pnn50Percent, 0.0);
        QCOMPARE(flat.meanHeartRateBpm, 80.0);
        QCOMPARE(timeDomainHrv(std::vector<double>{800.0}).sdnnMs, 0.0);
    }

    void normalToNormalDropsEctopy() {
        // Regular 800 ms rhythm with a premature beat (500 + 1100 ms compensatory pause)
        // and an implausible 150 ms interval (a double detection).
        std::vector<double> rr(20, 800.0);
        rr[7] = 500.0;
        rr[8] = 1100.0;
        rr[14] = 150.0;
        const std::vector<double> nn = normalToNormal(rr);
        QCOMPARE(nn.size(), std::size_t(17));
        for (double v : nn)
            QCOMPARE(v, 800.0);
        // A slow, steady trend is kept entirely.
        std::vector<double> trend;
        for (int i = 0; i < 50; ++i)
            trend.push_back(700.0 + 4.0 * i);
        QCOMPARE(normalToNormal(trend).size(), trend.size());
    }

    void beatCodes() {
        for (int code : {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 25, 30, 34, 35, 38, 41})
            QVERIFY2(isBeatCode(code), qPrintable(QString::number(code)));
        // Rhythm (+), noise (~), artefact (|), comment, P/T waves, ST change are not beats.
        for (int code : {0, 14, 16, 18, 22, 24, 27, 28, 32, 33})
            QVERIFY2(!isBeatCode(code), qPrintable(QString::number(code)));
    }

    void matchingWindow() {
        // 150 ms at 360 Hz = 54 samples.
        const std::vector<std::int64_t> ref{1000, 1400, 1800, 2200};
        const std::vector<std::int64_t> det{990, 1454, 1455, 1790, 1805, 3000};
        const BeatScore s = matchBeats(ref, det, 54);
        // 1000<-990, 1400<-1454 (edge of window), 1800<-1805 (nearest of two); 2200 missed.
        QCOMPARE(s.truePositives, std::int64_t(3));
        QCOMPARE(s.falseNegatives, std::int64_t(1));
        QCOMPARE(s.falsePositives, std::int64_t(3));
        QVERIFY(std::abs(s.sensitivity() - 75.0) < 1e-9);
        QVERIFY(std::abs(s.positivePredictivity() - 50.0) < 1e-9);
        BeatScore gross = s;
        gross += matchBeats(ref, ref, 54);
        QCOMPARE(gross.truePositives, std::int64_t(7));
    }
};

QTEST_APPLESS_MAIN(TestHeartRate)
#include "tst_HeartRate.moc"
