// QRS detection on synthetic ECGs with known beat positions, at every supported rate.
#include "ecg/dsp/BeatMatching.h"
#include "ecg/dsp/HeartRate.h"
#include "ecg/dsp/QrsDetector.h"
#include "ecg/dsp/WeakBeatFilter.h"

#include <QtTest>

#include <cmath>
#include <numbers>
#include <random>

using namespace cardiolens::ecg;

namespace {
double gauss(double t, double centre, double width) {
    const double u = (t - centre) / width;
    return std::exp(-0.5 * u * u);
}

// P, QRS and T waves per beat, tall T waves, baseline wander and noise; irregular RR.
struct Synthetic {
    std::vector<std::vector<float>> leads;
    std::vector<std::int64_t> beats;
};

Synthetic synthesize(double fs, double seconds, double noise, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> rrJitter(-0.25, 0.25);
    std::normal_distribution<double> white(0.0, noise);
    Synthetic s;
    std::vector<double> beatTimes;
    for (double t = 0.6; t < seconds - 0.6; t += 0.8 + rrJitter(rng))
        beatTimes.push_back(t);
    const auto n = std::size_t(seconds * fs);
    s.leads.assign(2, std::vector<float>(n));
    std::size_t next = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double t = double(i) / fs;
        while (next + 1 < beatTimes.size() && beatTimes[next + 1] - 0.5 < t)
            ++next;
        double v0 = 0.3 * std::sin(2 * std::numbers::pi * 0.2 * t);
        double v1 = 0.0;
        for (std::size_t k = next > 0 ? next - 1 : 0; k < std::min(beatTimes.size(), next + 2);
             ++k) {
            const double b = beatTimes[k];
            const double qrs = gauss(t, b, 0.010) - 0.25 * gauss(t, b + 0.03, 0.012);
            const double waves = 0.15 * gauss(t, b - 0.16, 0.02) + 0.45 * gauss(t, b + 0.28, 0.05);
            v0 += qrs + waves;
            v1 += 0.05 * qrs + 0.05 * waves; // a tiny second lead, as in some CPSC records
        }
        s.leads[0][i] = float(v0 + white(rng));
        s.leads[1][i] = float(v1 + white(rng) * 0.2);
    }
    for (double b : beatTimes)
        s.beats.push_back(std::llround(b * fs));
    return s;
}
} // namespace

class TestQrsSynthetic : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void detectsEveryBeat_data() {
        QTest::addColumn<double>("fs");
        for (double fs : {128.0, 200.0, 250.0, 300.0, 360.0, 500.0, 1000.0})
            QTest::newRow(qPrintable(QStringLiteral("%1 Hz").arg(fs))) << fs;
    }
    void detectsEveryBeat() {
        QFETCH(double, fs);
        const Synthetic s = synthesize(fs, 120.0, 0.02, unsigned(fs));
        const QrsDetector detector(fs);
        const std::vector<QrsBeat> beats = detector.detect({s.leads[0], s.leads[1]});
        const std::vector<std::int64_t> found = QrsDetector::positions(beats);
        const BeatScore score = matchBeats(s.beats, found, std::llround(0.15 * fs));
        QCOMPARE(score.falseNegatives, std::int64_t(0));
        QCOMPARE(score.falsePositives, std::int64_t(0));
        // Fiducials land on the R wave (within 20 ms), not on the tall T wave.
        std::size_t j = 0;
        for (std::int64_t ref : s.beats) {
            while (j + 1 < found.size() && found[j] < ref - std::llround(0.15 * fs))
                ++j;
            QVERIFY(std::abs(double(found[j] - ref)) / fs <= 0.02);
        }
        // Mean heart rate follows the synthetic rhythm (mean RR 0.8 s: 75 bpm).
        const HrvSummary hrv = timeDomainHrv(rrIntervalsMs(found, fs));
        QVERIFY(std::abs(hrv.meanHeartRateBpm - 75.0) < 3.0);
    }

    // Beats, then an hour of low-level noise (a lead coming off): no beats are invented in
    // the noise and the search-back stays linear (a quadratic one would hang here).
    void longStretchWithoutBeats() {
        const double fs = 360.0;
        Synthetic s = synthesize(fs, 20.0, 0.01, 5);
        std::vector<float> lead = s.leads[0];
        std::mt19937 rng(9);
        std::normal_distribution<float> white(0.0f, 0.002f);
        for (int i = 0; i < int(3600 * fs); ++i)
            lead.push_back(white(rng));
        const auto beats = QrsDetector::positions(QrsDetector(fs).detect({lead}));
        const BeatScore score = matchBeats(s.beats, beats, 54);
        QCOMPARE(score.falseNegatives, std::int64_t(0));
        // The threshold decays when beats stop, but not into faint noise.
        QVERIFY2(score.falsePositives <= 2, qPrintable(QString::number(score.falsePositives)));
    }

    // The QRS shrinks to a tenth (electrode re-attached): detection recovers within seconds.
    void reacquiresAfterAmplitudeDrop() {
        const double fs = 250.0;
        Synthetic s = synthesize(fs, 300.0, 0.002, 11);
        const auto drop = std::size_t(30 * fs);
        for (std::size_t i = drop; i < s.leads[0].size(); ++i)
            s.leads[0][i] *= 0.1f;
        const auto beats = QrsDetector::positions(QrsDetector(fs).detect({s.leads[0]}));
        std::vector<std::int64_t> late;
        for (std::int64_t b : s.beats)
            if (b > std::int64_t(drop) + std::int64_t(15 * fs))
                late.push_back(b);
        std::vector<std::int64_t> lateFound;
        for (std::int64_t b : beats)
            if (b > std::int64_t(drop) + std::int64_t(15 * fs) - 30)
                lateFound.push_back(b);
        const BeatScore score = matchBeats(late, lateFound, std::llround(0.15 * fs));
        QVERIFY2(score.sensitivity() > 99.0, qPrintable(QString::number(score.sensitivity())));
        QVERIFY2(score.positivePredictivity() > 99.0,
                 qPrintable(QString::number(score.positivePredictivity())));
    }

    void singleLeadAndEdgeCases() {
        const double fs = 360.0;
        const Synthetic s = synthesize(fs, 60.0, 0.01, 3);
        const auto beats = QrsDetector(fs).detect({s.leads[0]});
        QVERIFY(matchBeats(s.beats, QrsDetector::positions(beats), 54).sensitivity() > 99.0);
        // Empty, flat and very short inputs give no beats and no crash.
        QVERIFY(QrsDetector(fs).detect({}).empty());
        const std::vector<float> flat(36000, 1.0f);
        QVERIFY(QrsDetector(fs).detect({flat}).empty());
        const std::vector<float> shortSignal(3, 0.5f);
        QVERIFY(QrsDetector(fs).detect({shortSignal}).empty());
    }

    // Below 1 Hz nothing is detected (the learning window was empty: undefined behaviour).
    void tooLowSamplingRate() {
        const Synthetic s = synthesize(360.0, 10.0, 0.01, 4);
        for (double fs : {0.3, 0.0, -5.0, std::nan("")})
            QVERIFY(QrsDetector(fs).detect({s.leads[0]}).empty());
    }

    // Weak-beat review on beat lists: T waves found after every QRS go, real beats stay.
    void weakBeatsThatCloseNoGapAreDropped() {
        const double fs = 300.0;
        std::vector<QrsBeat> beats;
        std::vector<std::int64_t> qrs;
        for (int i = 0; i < 40; ++i) {
            const std::int64_t r = 100 + 270 * i; // 67 bpm
            qrs.push_back(r);
            beats.push_back({r, 1.0f, 1.0f});
            if (i % 3 != 2 && i < 39)
                beats.push_back({r + 110, 0.35f, 0.3f}); // T wave: flat and small
        }
        QCOMPARE(QrsDetector::positions(dropWeakExtraBeats(beats, fs, {})), qrs);
    }

    void lessSteepPrematureBeatsAndLoneSmallBeatsStay() {
        const double fs = 360.0;
        std::vector<QrsBeat> bigeminy;
        for (int i = 0; i < 40; ++i) {
            bigeminy.push_back({100 + 500 * i, 1.0f, 1.0f});
            // PVC: a third as steep, but with most of the QRS energy (MIT-BIH 208).
            bigeminy.push_back({100 + 500 * i + 180, 0.8f, 0.3f});
        }
        QCOMPARE(dropWeakExtraBeats(bigeminy, fs, {}).size(), bigeminy.size());
        // A regular rhythm with one beat far smaller: dropping it would leave a double RR.
        std::vector<QrsBeat> regular;
        for (int i = 0; i < 40; ++i)
            regular.push_back({100 + 300 * i, i == 20 ? 0.2f : 1.0f, i == 20 ? 0.2f : 1.0f});
        QCOMPARE(dropWeakExtraBeats(regular, fs, {}).size(), regular.size());
    }
};

QTEST_APPLESS_MAIN(TestQrsSynthetic)
#include "tst_QrsSynthetic.moc"
