// Zero-phase filters and resampling on synthetic signals with known answers.
#include "TestData.h"

#include "ecg/EcgReader.h"
#include "ecg/dsp/RecordFilter.h"
#include "ecg/dsp/Resampler.h"
#include "ecg/dsp/ZeroPhaseFilter.h"

#include <QtTest>

#include <cmath>
#include <numbers>
#include <random>

using namespace cardiolens::ecg;

namespace {
std::vector<double> sine(double hz, double fs, std::size_t n, double amplitude = 1.0) {
    std::vector<double> x(n);
    for (std::size_t i = 0; i < n; ++i)
        x[i] = amplitude * std::sin(2.0 * std::numbers::pi * hz * double(i) / fs);
    return x;
}

double maxAbsDiff(const std::vector<double>& a, const std::vector<double>& b, std::size_t from,
                  std::size_t to) {
    double worst = 0.0;
    for (std::size_t i = from; i < to; ++i)
        worst = std::max(worst, std::abs(a[i] - b[i]));
    return worst;
}

// A realistic test signal: QRS-like spikes, baseline drift, mains hum and noise.
std::vector<double> ecgLike(double fs, std::size_t n) {
    std::mt19937 rng(7);
    std::normal_distribution<double> noise(0.0, 0.02);
    std::vector<double> x(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double t = double(i) / fs;
        const double phase = std::fmod(t, 0.8) - 0.4;
        x[i] = std::exp(-phase * phase / (2 * 0.012 * 0.012)) + 0.3 * std::sin(0.3 * t) +
               0.05 * std::sin(2 * std::numbers::pi * 50.0 * t) + noise(rng);
    }
    return x;
}
} // namespace

class TestEcgFilters : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void designedResponse_data() {
        QTest::addColumn<double>("highPass");
        QTest::addColumn<double>("lowPass");
        QTest::addColumn<double>("notchHz");
        QTest::addColumn<double>("fs");
        QTest::addColumn<double>("hz");
        QTest::addColumn<double>("expected");
        QTest::addColumn<double>("tolerance");
        // Forward-backward squares the Butterworth response: -6 dB (0.5) at cut-off.
        QTest::newRow("hp 0.05 at cut-off") << 0.05 << 0.0 << 0.0 << 500.0 << 0.05 << 0.5 << 0.01;
        QTest::newRow("hp 0.05 at 1 Hz") << 0.05 << 0.0 << 0.0 << 500.0 << 1.0 << 1.0 << 0.001;
        QTest::newRow("hp 0.05 at 0.005") << 0.05 << 0.0 << 0.0 << 500.0 << 0.005 << 0.0 << 1e-3;
        QTest::newRow("hp 0.5 at cut-off") << 0.5 << 0.0 << 0.0 << 360.0 << 0.5 << 0.5 << 0.01;
        QTest::newRow("hp 0.5 at 0.1") << 0.5 << 0.0 << 0.0 << 360.0 << 0.1 << 0.0016 << 0.001;
        QTest::newRow("lp 40 at cut-off") << 0.0 << 40.0 << 0.0 << 500.0 << 40.0 << 0.5 << 0.01;
        QTest::newRow("lp 40 at 10") << 0.0 << 40.0 << 0.0 << 500.0 << 10.0 << 0.996 << 0.002;
        QTest::newRow("lp 40 at 120") << 0.0 << 40.0 << 0.0 << 500.0 << 120.0 << 0.0 << 0.02;
        QTest::newRow("lp 150 at cut-off") << 0.0 << 150.0 << 0.0 << 1000.0 << 150.0 << 0.5 << 0.01;
        QTest::newRow("notch 50 at 50") << 0.0 << 0.0 << 50.0 << 500.0 << 50.0 << 0.0 << 1e-6;
        QTest::newRow("notch 50 at 40") << 0.0 << 0.0 << 50.0 << 500.0 << 40.0 << 1.0 << 0.01;
        QTest::newRow("notch 60 at 60") << 0.0 << 0.0 << 60.0 << 360.0 << 60.0 << 0.0 << 1e-6;
        QTest::newRow("notch 60 at 10") << 0.0 << 0.0 << 60.0 << 360.0 << 10.0 << 1.0 << 0.001;
    }
    void designedResponse() {
        QFETCH(double, highPass);
        QFETCH(double, lowPass);
        QFETCH(double, notchHz);
        QFETCH(double, fs);
        QFETCH(double, hz);
        QFETCH(double, expected);
        QFETCH(double, tolerance);
        FilterSettings s;
        s.highPassHz = highPass;
        s.lowPassHz = lowPass;
        s.notchHz = notchHz;
        const ZeroPhaseFilter filter(s, fs);
        QVERIFY2(std::abs(filter.magnitudeAt(hz) - expected) <= tolerance,
                 qPrintable(QString::number(filter.magnitudeAt(hz))));
    }

    // Filtering real sines: measured gain matches the design and the phase is zero.
    void measuredResponseAndZeroPhase() {
        const double fs = 500.0;
        const std::size_t n = 20000;
        const ZeroPhaseFilter monitor(FilterSettings::monitor(), fs);
        for (double hz : {5.0, 40.0, 80.0}) {
            std::vector<double> x = sine(hz, fs, n);
            const std::vector<double> original = x;
            monitor.apply(x);
            const double gain = monitor.magnitudeAt(hz);
            // Zero phase: the output is the input scaled, sample by sample.
            for (std::size_t i = n / 4; i < 3 * n / 4; ++i)
                QVERIFY(std::abs(x[i] - gain * original[i]) < 0.01);
        }
        FilterSettings notchOnly;
        notchOnly.notchHz = 50.0;
        std::vector<double> hum = sine(50.0, fs, n);
        ZeroPhaseFilter(notchOnly, fs).apply(hum);
        QVERIFY(maxAbsDiff(hum, std::vector<double>(n, 0.0), n / 4, 3 * n / 4) < 1e-3);
    }

    void baselineWanderRemoved() {
        const double fs = 360.0;
        const std::size_t n = 36000;
        std::vector<double> drift = sine(0.1, fs, n, 2.0);
        std::vector<double> qrsBand = sine(10.0, fs, n, 1.0);
        std::vector<double> x(n);
        for (std::size_t i = 0; i < n; ++i)
            x[i] = drift[i] + qrsBand[i];
        FilterSettings s;
        s.removeBaselineWander = true;
        ZeroPhaseFilter(s, fs).apply(x);
        QVERIFY(maxAbsDiff(x, qrsBand, n / 4, 3 * n / 4) < 0.02);
    }

    // A page filtered with its warm-up equals the same page of the whole filtered record.
    void windowMatchesWholeRecord_data() {
        QTest::addColumn<double>("fs");
        QTest::addColumn<double>("highPass");
        QTest::addColumn<double>("lowPass");
        QTest::addColumn<double>("notchHz");
        QTest::newRow("diagnostic 500") << 500.0 << 0.05 << 150.0 << 50.0;
        QTest::newRow("monitor 360") << 360.0 << 0.5 << 40.0 << 60.0;
        QTest::newRow("monitor 128") << 128.0 << 0.5 << 40.0 << 0.0;
    }
    void windowMatchesWholeRecord() {
        QFETCH(double, fs);
        QFETCH(double, highPass);
        QFETCH(double, lowPass);
        QFETCH(double, notchHz);
        const auto n = std::size_t(300 * fs);
        const std::vector<double> signal = ecgLike(fs, n);
        const ZeroPhaseFilter filter({highPass, lowPass, notchHz, false, 2, 30.0}, fs);
        std::vector<double> whole = signal;
        filter.apply(whole);
        const SampleReader reader = [&](std::int64_t first, std::int64_t count, double* out) {
            std::copy_n(signal.begin() + first, count, out);
        };
        // Pages in the middle (warm-up fits) and at the very start (clipped warm-up).
        for (double startS : {0.0, 150.0, 200.0}) {
            const auto first = std::int64_t(startS * fs);
            const auto last = first + std::int64_t(10 * fs);
            const std::vector<double> page =
                filter.applyWindow(reader, std::int64_t(n), first, last);
            QCOMPARE(page.size(), std::size_t(last - first));
            double worst = 0.0;
            for (std::size_t i = 0; i < page.size(); ++i)
                worst = std::max(worst, std::abs(page[i] - whole[std::size_t(first) + i]));
            QVERIFY2(
                worst < 1e-4,
                qPrintable(QStringLiteral("page at %1 s differs by %2").arg(startS).arg(worst)));
        }
        // The warm-up is bounded (no whole-record reads for a page).
        QVERIFY(filter.warmUpSamples() < std::int64_t(n / 2));
    }

    // The same on a real record read through the record model: pages of MIT-BIH 100.
    void windowMatchesWholeRecordOnRealData() {
        CARDIOLENS_REQUIRE_SHARED(hea, "ecg/mitdb/100.hea");
        const auto record = cardiolens::ecg::EcgReader::open(hea);
        QVERIFY2(record, qPrintable(record ? QString() : record.error().describe()));
        const std::vector<float> lead = record->physical(0, 0, record->frameCount);
        for (const FilterSettings& settings :
             {FilterSettings::diagnostic(), FilterSettings{0.5, 40.0, 60.0, false, 2, 30.0}}) {
            const ZeroPhaseFilter filter(settings, record->frameRate);
            std::vector<double> whole(lead.begin(), lead.end());
            filter.apply(whole);
            for (double startS : {100.0, 900.0, 1700.0}) {
                const auto first = std::int64_t(startS * record->frameRate);
                const auto last = first + std::int64_t(10 * record->frameRate);
                const std::vector<float> page =
                    cardiolens::ecg::filteredPage(record.value(), 0, first, last, settings);
                QCOMPARE(page.size(), std::size_t(last - first));
                for (std::size_t i = 0; i < page.size(); ++i)
                    QVERIFY(std::abs(page[i] - whole[std::size_t(first) + i]) < 1e-4); // mV
            }
        }
        QVERIFY(cardiolens::ecg::filteredPage(record.value(), 2, 0, 10, {}).empty());
        QVERIFY(cardiolens::ecg::filteredPage(record.value(), 0, 10, 10, {}).empty());
    }

    // Gaps (invalid samples) neither poison the filter nor get invented values.
    void gapsStayGaps() {
        struct VectorSource : cardiolens::ecg::SignalSource {
            std::vector<std::int32_t> x;
            std::int64_t readRaw(int lead, std::int64_t first, std::int64_t count,
                                 std::int32_t* out) const override {
                if (lead != 0 || first < 0 || first >= std::int64_t(x.size()))
                    return 0;
                count = std::min<std::int64_t>(count, std::int64_t(x.size()) - first);
                std::copy_n(x.begin() + first, count, out);
                return count;
            }
            int leadCount() const override { return 1; }
            std::int64_t frameCount() const override { return std::int64_t(x.size()); }
            int samplesPerFrame(int) const override { return 1; }
        };
        auto source = std::make_shared<VectorSource>();
        const std::vector<double> wave = sine(7.0, 500.0, 20000);
        for (std::size_t i = 0; i < wave.size(); ++i)
            source->x.push_back(i >= 9000 && i < 9100 ? cardiolens::ecg::kInvalidSample
                                                      : std::int32_t(std::lround(wave[i] * 1000)));
        cardiolens::ecg::EcgRecord record;
        record.frameRate = 500.0;
        record.frameCount = 20000;
        record.leads.resize(1);
        record.leads[0].gain = 1000.0;
        record.source = source;
        const std::vector<float> page =
            cardiolens::ecg::filteredPage(record, 0, 8000, 10000, FilterSettings::monitor());
        QCOMPARE(page.size(), std::size_t(2000));
        for (std::size_t i = 0; i < page.size(); ++i) {
            const bool gap = i >= 1000 && i < 1100;
            QCOMPARE(std::isnan(page[i]), gap);
            if (!gap)
                QVERIFY(std::abs(page[i]) < 1.1f); // no ringing blow-up around the gap
        }
    }

    void resampleUpAndDown() {
        // 360 -> 500 Hz: a 5 Hz sine stays a 5 Hz sine.
        std::vector<float> in(3600);
        for (std::size_t i = 0; i < in.size(); ++i)
            in[i] = float(std::sin(2 * std::numbers::pi * 5.0 * double(i) / 360.0));
        const std::vector<float> up = resample(in, 360.0, 500.0);
        QCOMPARE(up.size(), std::size_t(5000));
        for (std::size_t j = 500; j < 4500; ++j)
            QVERIFY(std::abs(up[j] - std::sin(2 * std::numbers::pi * 5.0 * double(j) / 500.0)) <
                    2e-3);

        // 1000 -> 128 Hz: 10 Hz passes, 300 Hz (above the new Nyquist) must not alias.
        std::vector<float> mixed(10000);
        for (std::size_t i = 0; i < mixed.size(); ++i) {
            const double t = double(i) / 1000.0;
            mixed[i] = float(std::sin(2 * std::numbers::pi * 10.0 * t) +
                             std::sin(2 * std::numbers::pi * 300.0 * t));
        }
        const std::vector<float> down = resample(mixed, 1000.0, 128.0);
        QCOMPARE(down.size(), std::size_t(1280));
        for (std::size_t j = 128; j < 1152; ++j)
            QVERIFY(std::abs(down[j] - std::sin(2 * std::numbers::pi * 10.0 * double(j) / 128.0)) <
                    5e-3);
    }
};

QTEST_GUILESS_MAIN(TestEcgFilters)
#include "tst_EcgFilters.moc"
