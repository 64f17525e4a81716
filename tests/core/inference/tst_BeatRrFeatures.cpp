// RR features beside each beat window (beat-aami 2.0): values, edge beats, and the manifest
// contract that asks for them.
#include "inference/BeatRrFeatures.h"
#include "inference/ModelManifest.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QtTest>

using namespace cardiolens::inference;

namespace {
const QStringList kAll = BeatRrFeatures::names();

QJsonObject beatManifest(const QJsonValue& rr, int lastDim, const QString& task) {
    QJsonObject input{{QStringLiteral("dtype"), QStringLiteral("float32")},
                      {QStringLiteral("shape"), QJsonArray{-1, 1, lastDim}},
                      {QStringLiteral("leads"), QJsonArray{QStringLiteral("any")}},
                      {QStringLiteral("sampling_rate_hz"), 128},
                      {QStringLiteral("window_samples"), 192},
                      {QStringLiteral("beat_window_before_samples"), 128}};
    if (!rr.isUndefined())
        input[QStringLiteral("rr_features")] = rr;
    QJsonArray labels;
    for (const QString& c : {QStringLiteral("N"), QStringLiteral("V")})
        labels.append(QJsonObject{{QStringLiteral("index"), labels.size()},
                                  {QStringLiteral("name"), c},
                                  {QStringLiteral("code"), c}});
    return QJsonObject{{QStringLiteral("name"), QStringLiteral("rr-test")},
                       {QStringLiteral("version"), QStringLiteral("1")},
                       {QStringLiteral("task"), task},
                       {QStringLiteral("file"), QStringLiteral("model.pt")},
                       {QStringLiteral("input"), input},
                       {QStringLiteral("output"),
                        QJsonObject{{QStringLiteral("activation"), QStringLiteral("softmax")},
                                    {QStringLiteral("labels"), labels}}}};
}
} // namespace

class TestBeatRrFeatures : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void valuesPerBeat() {
        // Beats at 0, 1.0, 1.8, 3.0, 3.5 s at 200 Hz: RRs 1.0, 0.8, 1.2, 0.5 (median 0.9).
        const std::vector<std::int64_t> frames{0, 200, 360, 600, 700};
        const auto v = BeatRrFeatures::compute(frames, 200.0, kAll, 2);
        QCOMPARE(v.size(), std::size_t(20));
        auto at = [&](int beat, int f) {
            return v[std::size_t(beat * 4 + f)];
        };
        // First beat: its previous RR is its next one.
        QCOMPARE(at(0, 0), 1.0f);
        QCOMPARE(at(0, 1), 1.0f);
        QVERIFY(qFuzzyCompare(at(2, 0), 0.8f));
        QVERIFY(qFuzzyCompare(at(2, 1), 1.2f));
        // Local mean over the last two previous RRs: beat 3 -> (0.8 + 1.2) / 2.
        QVERIFY(qFuzzyCompare(at(3, 2), 1.0f));
        // Last beat: its next RR is its previous one.
        QVERIFY(qFuzzyCompare(at(4, 1), 0.5f));
        // Even number of RRs: the median is the mean of the middle two (0.8, 1.0).
        for (int b = 0; b < 5; ++b)
            QVERIFY(qFuzzyCompare(at(b, 3), 0.9f));
    }

    void featureOrderFollowsTheManifest() {
        const std::vector<std::int64_t> frames{0, 100, 300};
        const auto v = BeatRrFeatures::compute(
            frames, 100.0, {QStringLiteral("record_rr_s"), QStringLiteral("pre_rr_s")}, 10);
        QCOMPARE(v.size(), std::size_t(6));
        QVERIFY(qFuzzyCompare(v[0], 1.5f)); // median of 1.0 and 2.0
        QVERIFY(qFuzzyCompare(v[5], 2.0f)); // beat 2's previous RR
    }

    void tooFewBeatsGiveOneSecond() {
        const auto v = BeatRrFeatures::compute({42}, 360.0, kAll, 10);
        QCOMPARE(v, std::vector<float>(4, 1.0f));
        QVERIFY(BeatRrFeatures::compute({}, 360.0, kAll, 10).empty());
    }

    void manifestAppendsTheFeaturesToEachRow() {
        auto m = ModelManifest::fromJson(beatManifest(QJsonArray::fromStringList(kAll), 196,
                                                      QStringLiteral("ecg-beat-classification")),
                                         QStringLiteral("/tmp/rr/manifest.json"));
        QVERIFY2(m.ok(), m ? "" : qPrintable(m.error().message));
        QCOMPARE(m->input.rrFeatures, kAll);
        QCOMPARE(m->input.rowLength(), 196);
        QCOMPARE(m->concreteInputShape().back(), std::int64_t(196));
    }

    void manifestRejectsBadRrContracts() {
        const QString path = QStringLiteral("/tmp/rr/manifest.json");
        // The shape must leave room for the features.
        auto shape =
            ModelManifest::fromJson(beatManifest(QJsonArray::fromStringList(kAll), 192,
                                                 QStringLiteral("ecg-beat-classification")),
                                    path);
        QVERIFY(!shape.ok());
        QVERIFY2(shape.error().message.contains(QStringLiteral("RR features")),
                 qPrintable(shape.error().message));
        auto unknown =
            ModelManifest::fromJson(beatManifest(QJsonArray{QStringLiteral("qt_interval")}, 193,
                                                 QStringLiteral("ecg-beat-classification")),
                                    path);
        QVERIFY(!unknown.ok());
        QVERIFY(unknown.error().message.contains(QStringLiteral("pre_rr_s")));
        auto recordModel =
            ModelManifest::fromJson(beatManifest(QJsonArray::fromStringList(kAll), 196,
                                                 QStringLiteral("ecg-record-classification")),
                                    path);
        QVERIFY(!recordModel.ok());
        QVERIFY(recordModel.error().message.contains(QStringLiteral("beat classification")));
    }
};

QTEST_GUILESS_MAIN(TestBeatRrFeatures)
#include "tst_BeatRrFeatures.moc"
