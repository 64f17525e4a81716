// Beat-morphology clustering: a synthetic record with known beat kinds, and purity on the
// shared MIT-BIH DS1 records against their reference classes.
#include "TestData.h"

#include "ecg/AamiClass.h"
#include "ecg/EcgReader.h"
#include "ecg/MemorySignalSource.h"
#include "ecg/MitAnnotationIO.h"
#include "ecg/cluster/BeatClustering.h"
#include "ecg/dsp/RecordQrs.h"

#include <QtTest>

#include <cmath>
#include <map>
#include <random>
#include <set>

using namespace cardiolens;
using namespace cardiolens::ecg;

namespace {
double gauss(double t, double centre, double width) {
    const double u = (t - centre) / width;
    return std::exp(-0.5 * u * u);
}

enum Kind { Normal, Ventricular, AtrialPremature };

struct Synthetic {
    EcgRecord record;
    std::vector<std::int64_t> beats;
    std::vector<Kind> kinds;
};

// 2 leads at 360 Hz: narrow upright QRS for normal and atrial premature beats (the latter
// 35 % early), wide inverted QRS for ventricular ones; noise and baseline wander.
Synthetic synthesize() {
    const double fs = 360.0;
    std::mt19937 rng(7);
    std::normal_distribution<double> noise(0.0, 0.01);
    Synthetic s;
    double t = 0.8;
    for (int i = 0; i < 300; ++i) {
        const Kind k = i % 10 == 4 ? Ventricular : i % 10 == 7 ? AtrialPremature : Normal;
        t += k == AtrialPremature ? 0.52 : k == Ventricular ? 0.55 : 0.8;
        s.beats.push_back(std::llround(t * fs));
        s.kinds.push_back(k);
    }
    const auto n = std::size_t((t + 1.0) * fs);
    std::vector<std::vector<std::int32_t>> leads(2, std::vector<std::int32_t>(n));
    for (std::size_t i = 0; i < n; ++i) {
        const double x = double(i) / fs;
        double v[2] = {0.2 * std::sin(0.9 * x), 0.1 * std::sin(0.5 * x)};
        const auto near = std::lower_bound(s.beats.begin(), s.beats.end(), std::int64_t(i) - 400);
        for (auto b = near; b != s.beats.end() && *b < std::int64_t(i) + 400; ++b) {
            const double c = double(*b) / fs;
            if (s.kinds[std::size_t(b - s.beats.begin())] == Ventricular) {
                v[0] += -1.2 * gauss(x, c, 0.035) + 0.4 * gauss(x, c + 0.22, 0.06);
                v[1] += 0.9 * gauss(x, c + 0.02, 0.04);
            } else {
                v[0] += 1.0 * gauss(x, c, 0.012) + 0.3 * gauss(x, c + 0.25, 0.05);
                v[1] += -0.4 * gauss(x, c, 0.012);
            }
        }
        for (int l = 0; l < 2; ++l)
            leads[std::size_t(l)][i] = std::int32_t(std::lround((v[l] + noise(rng)) * 200.0));
    }
    s.record.name = QStringLiteral("synthetic");
    s.record.frameRate = fs;
    s.record.frameCount = std::int64_t(n);
    for (const char* name : {"MLII", "V1"}) {
        Lead lead;
        lead.name = QString::fromLatin1(name);
        lead.units = QStringLiteral("mV");
        lead.gain = 200.0;
        s.record.leads.push_back(lead);
    }
    s.record.source = std::make_shared<MemorySignalSource>(std::move(leads));
    return s;
}
} // namespace

class TestBeatClustering : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void separatesMorphologyAndPrematurity() {
        const Synthetic s = synthesize();
        const auto result = clusterBeats(s.record, s.beats);
        QVERIFY2(result, result ? "" : qPrintable(result.error().describe()));
        const BeatClustering& c = result.value();
        QCOMPARE(c.beats, s.beats);
        // Every beat in exactly one cluster; clusters largest first.
        std::size_t covered = 0;
        for (std::size_t i = 0; i < c.clusters.size(); ++i) {
            covered += c.clusters[i].members.size();
            if (i > 0)
                QVERIFY(c.clusters[i - 1].members.size() >= c.clusters[i].members.size());
            for (std::size_t m : c.clusters[i].members)
                QCOMPARE(c.clusterOf[m], int(i));
        }
        QCOMPARE(covered, s.beats.size());
        // Each cluster holds one kind, and the three kinds make the three largest clusters
        // (the first beats, whose rhythm is not yet known, may sit apart).
        for (const BeatCluster& cl : c.clusters) {
            std::set<Kind> kinds;
            for (std::size_t m : cl.members)
                kinds.insert(s.kinds[m]);
            QCOMPARE(kinds.size(), std::size_t(1));
        }
        QVERIFY(c.clusters.size() >= 3);
        std::set<Kind> top;
        for (int i = 0; i < 3; ++i)
            top.insert(s.kinds[c.clusters[std::size_t(i)].members.front()]);
        QCOMPARE(top.size(), std::size_t(3));
        QVERIFY(c.clusters[0].members.size() >= 175);
        // The median beat of the normal cluster peaks near the fiducial point on lead 0.
        const BeatCluster& normal = c.clusters[0];
        const auto peak =
            std::max_element(normal.median.begin(), normal.median.begin() + c.windowSamples) -
            normal.median.begin();
        QCOMPARE(int(-c.preMs + double(peak) * c.stepMs), 0);
    }

    // DS1 (training split): share of beats whose cluster's majority AAMI class is theirs.
    void purityOnDs1() {
        std::size_t beats = 0, pure = 0;
        int records = 0;
        for (const QString& rel : mitBihDs1Records()) {
            const QString hea = test::shared(rel + QStringLiteral(".hea"));
            if (hea.isEmpty())
                continue;
            const auto record = EcgReader::open(hea);
            const auto atr = MitAnnotationIO::read(hea, QStringLiteral("atr"));
            QVERIFY(record && atr);
            std::map<std::int64_t, AamiClass> truth;
            for (const Annotation& a : atr->items)
                if (aamiClassOf(a.code) != AamiClass::None)
                    truth[a.sample] = aamiClassOf(a.code);
            std::vector<std::int64_t> positions;
            for (const auto& [sample, cls] : truth)
                positions.push_back(sample);
            const auto result = clusterBeats(record.value(), positions);
            QVERIFY(result);
            QCOMPARE(result->beats.size(), positions.size());
            for (const BeatCluster& cl : result->clusters) {
                std::map<AamiClass, std::size_t> counts;
                for (std::size_t m : cl.members)
                    ++counts[truth.at(result->beats[m])];
                std::size_t best = 0;
                for (const auto& [cls, count] : counts)
                    best = std::max(best, count);
                pure += best;
            }
            beats += positions.size();
            ++records;
        }
        if (records == 0)
            QSKIP("shared data not available: MIT-BIH DS1");
        const double purity = 100.0 * double(pure) / double(beats);
        qInfo("DS1 cluster purity over %d records, %zu beats: %.3f %%", records, beats, purity);
        QVERIFY(purity >= 99.2);
    }
};

QTEST_GUILESS_MAIN(TestBeatClustering)
#include "tst_BeatClustering.moc"
