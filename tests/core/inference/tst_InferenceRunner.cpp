#include "ecg/AamiClass.h"
#include "ecg/EcgReader.h"
#include "ecg/MitAnnotationIO.h"
#include "ecg/dsp/RecordQrs.h"
#include "imaging/CardiacLabel.h"
#include "imaging/ImageLoader.h"
#include "imaging/NiftiWriter.h"
#include "inference/InferenceRunner.h"
#include "inference/MaskPostprocess.h"
#include "inference/ModelRegistry.h"
#include "inference/SegmentationInference.h"
#include "inference/TorchScriptModel.h"
#include "inference/UncertaintyCache.h"

#include "InferenceTestModels.h"
#include "TestData.h"
#include "TorchRequired.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <atomic>
#include <cmath>

using namespace cardiolens;
using namespace cardiolens::inference;

namespace {
// A synthetic cine: a bright disc in each frame, int16, 96 x 80 x slices x phases.
QString writeSyntheticCine(const QString& name, int slices, int phases) {
    imaging::VolumeExtent extent{96, 80, slices, phases};
    auto vol = imaging::CineVolume::create(extent, imaging::PixelType::Int16);
    if (!vol)
        return {};
    vol->geometry().pixelSpacing = {1.5, 1.5};
    vol->geometry().sliceSpacing = 8.0;
    for (int p = 0; p < phases; ++p)
        for (int s = 0; s < slices; ++s) {
            auto f = vol->frame<std::int16_t>(s, p);
            for (int y = 0; y < 80; ++y)
                for (int x = 0; x < 96; ++x)
                    f.at(x, y) = std::int16_t(
                        std::hypot(x - 48, y - 40) < 12 + p % 3 ? 800 : 100 + (x * 7 + y) % 50);
        }
    const QString path = test::scratchDir() + QLatin1Char('/') + name;
    return imaging::NiftiWriter::write(*vol, path) ? path : QString();
}

// tools/train/reference_outputs.py's PyTorch outputs for one demo model (empty if absent).
QJsonObject pythonReference(const QString& model) {
    QFile f(cardiolens::test::fixture(QStringLiteral("models/reference_outputs.json")));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object().value(model).toObject();
}

} // namespace

class TestInferenceRunner : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void largestComponentPerLabelIsKept() {
        const int w = 12, h = 10;
        std::vector<std::uint8_t> m(std::size_t(w * h), 0);
        auto set = [&](int x0, int y0, int x1, int y1, std::uint8_t v) {
            for (int y = y0; y <= y1; ++y)
                for (int x = x0; x <= x1; ++x)
                    m[std::size_t(y * w + x)] = v;
        };
        set(1, 1, 5, 5, 1);  // Large label-1 blob (25 px).
        set(9, 8, 10, 9, 1); // Small label-1 island (4 px): removed.
        set(8, 1, 10, 3, 2); // Label 2, single component: kept.
        keepLargestComponents(m, w, h);
        QCOMPARE(int(m[std::size_t(8 * w + 9)]), 0);
        QCOMPARE(int(m[std::size_t(3 * w + 3)]), 1);
        QCOMPARE(int(m[std::size_t(2 * w + 9)]), 2);
        QCOMPARE(std::count(m.begin(), m.end(), 1), std::ptrdiff_t(25));
    }

    void holesAreFilledWithSurroundingLabel() {
        const int w = 11, h = 11;
        std::vector<std::uint8_t> m(std::size_t(w * h), 0);
        // Myocardium ring (2) around blood pool (1) with a one-pixel hole in the pool and a
        // hole in the ring; the outside background touches the border and stays.
        for (int y = 1; y < 10; ++y)
            for (int x = 1; x < 10; ++x) {
                const int r = std::max(std::abs(x - 5), std::abs(y - 5));
                m[std::size_t(y * w + x)] = r >= 3 ? 2 : 1;
            }
        m[std::size_t(5 * w + 5)] = 0; // Hole in the pool.
        m[std::size_t(1 * w + 5)] = 0; // Hole in the ring's top row: not enclosed (row 0 is open).
        m[std::size_t(8 * w + 8)] = 0; // Hole inside the ring, enclosed by ring pixels.
        fillHoles(m, w, h);
        QCOMPARE(int(m[std::size_t(5 * w + 5)]), 1);
        QCOMPARE(int(m[std::size_t(8 * w + 8)]), 2);
        QCOMPARE(int(m[std::size_t(1 * w + 5)]), 0);
        QCOMPARE(int(m[0]), 0);
    }

    void uncertaintyCacheInvalidatesOnModelVersionAndFileChange() {
        const QString casePath = test::scratchDir() + QStringLiteral("/case.dat");
        {
            QFile f(casePath);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("abc");
        }
        const QString cachePath = test::scratchDir() + QStringLiteral("/cache.json");
        {
            UncertaintyCache cache(cachePath);
            QVERIFY(!cache.lookup(casePath, QStringLiteral("m@1")));
            QVERIFY(
                cache.store(casePath, QStringLiteral("m@1"), 0.25, QStringLiteral("entropy")).ok());
        }
        UncertaintyCache reread(cachePath);
        QCOMPARE(reread.lookup(casePath, QStringLiteral("m@1")).value_or(-1), 0.25);
        QVERIFY(!reread.lookup(casePath, QStringLiteral("m@2"))); // New model version: rescore.
        QCOMPARE(reread.scoresFor(QStringLiteral("m@1")).size(), 1);
        {
            QFile f(casePath);
            QVERIFY(f.open(QIODevice::Append));
            f.write("defg"); // The case changed: rescore.
        }
        QVERIFY(!reread.lookup(casePath, QStringLiteral("m@1")));
    }

    void segmentationOfSyntheticCineKeepsGeometry() {
        CARDIOLENS_REQUIRE_SHARED(pt, "models/torch2x-export/unet_script.pt");
        CARDIOLENS_REQUIRE_TORCH_BACKEND();
        const QString cine = writeSyntheticCine(QStringLiteral("small.nii"), 2, 3);
        QVERIFY(!cine.isEmpty());
        auto m = ModelRegistry::readAt(
            test::writeManifest(QStringLiteral("unet-any"), test::unetManifest(pt, -1)));
        QVERIFY(m.ok());
        JobControl control;
        std::atomic<int> reports{0};
        control.setProgressCallback([&](double, const QString&) { ++reports; });
        InferenceRequest request{*m, cine, {}, {}};
        auto r = InferenceRunner::run(request, control, 2);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().describe()));
        QVERIFY(r->labels);
        QCOMPARE(r->labels->extent(), (imaging::VolumeExtent{96, 80, 2, 3}));
        QCOMPARE(r->labels->geometry().pixelSpacing[0], 1.5);
        QCOMPARE(r->items, 6);
        QVERIFY(reports > 2);
        for (auto v : r->labels->labels())
            QVERIFY(v == 0 || v == imaging::labelValue(imaging::CardiacLabel::LvBloodPool) ||
                    v == imaging::labelValue(imaging::CardiacLabel::LvMyocardium));
        QVERIFY(r->uncertainty >= 0 && r->uncertainty <= 1);
        QCOMPARE(r->uncertaintyMethod, QStringLiteral("flip-tta"));
    }

    void cancelIsHonouredQuickly() {
        CARDIOLENS_REQUIRE_SHARED(pt, "models/torch2x-export/unet_script.pt");
        CARDIOLENS_REQUIRE_TORCH_BACKEND();
        const QString cine = writeSyntheticCine(QStringLiteral("long.nii"), 10, 40);
        auto m = ModelRegistry::readAt(
            test::writeManifest(QStringLiteral("unet-any2"), test::unetManifest(pt, -1)));
        QVERIFY(m.ok());
        InferenceRunner runner(2);
        std::atomic<bool> started{false};
        auto job = runner.start({*m, cine, {}, {}}, [&](double fraction, const QString&) {
            if (fraction > 0)
                started = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(started.load(), 20000);
        QElapsedTimer timer;
        timer.start();
        job->cancel();
        QVERIFY(job->wait(5000));
        const qint64 latency = timer.elapsed();
        qInfo("cancel latency %lld ms", latency);
        auto r = job->result();
        QVERIFY(!r.ok());
        QCOMPARE(r.error().message, cancelledMessage());
        QVERIFY(latency < 200);
    }

    void beatClassificationOnRealRecordWritesAnnotator() {
        CARDIOLENS_REQUIRE_SHARED(record, "ecg/mitdb/100s.hea");
        CARDIOLENS_REQUIRE_SHARED(pt, "models/torch2x-export/resnet1d_script.pt");
        CARDIOLENS_REQUIRE_TORCH_BACKEND();
        QStringList leads;
        for (int i = 0; i < 12; ++i)
            leads << (i % 2 ? QStringLiteral("V5") : QStringLiteral("II")); // "II" matches MLII.
        auto m = ModelRegistry::readAt(test::writeManifest(
            QStringLiteral("resnet-beats"),
            test::resnet1dManifest(pt, QStringLiteral("ecg-beat-classification"), leads, -1)));
        QVERIFY2(m.ok(), qPrintable(m.ok() ? QString() : m.error().describe()));
        JobControl control;
        auto r = InferenceRunner::run({*m, record, {}, {}}, control, 2);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().describe()));
        auto atr = ecg::MitAnnotationIO::read(record, QStringLiteral("atr"));
        QVERIFY(atr.ok());
        const auto reference = ecg::referenceBeats(*atr);
        QCOMPARE(r->annotations.size(), reference.size()); // One label per annotated beat.
        for (std::size_t i = 0; i < reference.size(); ++i) {
            QCOMPARE(r->annotations[i].sample, reference[i]);
            QVERIFY(ecg::AnnotationCodes::isBeat(r->annotations[i].code));
            QCOMPARE(r->annotations[i].aux, QByteArray("model:resnet1d@1"));
        }
        QCOMPARE(r->details.value(QStringLiteral("beats_from")).toString(),
                 QStringLiteral("annotations:atr"));
        // Detector beats when asked.
        InferenceRequest detector{*m, record, {}, {}};
        detector.ecg.beats = BeatSource::Detector;
        auto d = InferenceRunner::run(detector, control, 2);
        QVERIFY(d.ok());
        QVERIFY(std::abs(int(d->annotations.size()) - int(reference.size())) <= 3);
        // Round trip through an annotator file.
        const QString out = test::scratchDir() + QStringLiteral("/100s.resnet");
        QVERIFY(ecg::MitAnnotationIO::write(out, r->annotations).ok());
        auto back = ecg::MitAnnotationIO::read(out);
        QVERIFY(back.ok());
        QCOMPARE(back->items.size(), r->annotations.size());
        QCOMPARE(back->items.front().aux, QByteArray("model:resnet1d@1"));
    }

    void recordClassificationAveragesWindows() {
        CARDIOLENS_REQUIRE_SHARED(record, "ecg/mitdb/100s.hea");
        CARDIOLENS_REQUIRE_SHARED(pt, "models/torch2x-export/resnet1d_script.pt");
        CARDIOLENS_REQUIRE_TORCH_BACKEND();
        QStringList leads;
        for (int i = 0; i < 12; ++i)
            leads << QStringLiteral("MLII");
        auto m = ModelRegistry::readAt(test::writeManifest(
            QStringLiteral("resnet-record"),
            test::resnet1dManifest(pt, QStringLiteral("ecg-record-classification"), leads, -1)));
        QVERIFY(m.ok());
        JobControl control;
        auto r = InferenceRunner::run({*m, record, {}, {}}, control, 2);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().describe()));
        // 60 s at 100 Hz = 6000 samples; windows of 1000 every 500 -> 11.
        QCOMPARE(r->items, 11);
        double sum = 0;
        for (const auto& [name, p] : r->classProbabilities)
            sum += p;
        QVERIFY(std::abs(sum - 1.0) < 1e-4);
        // The record's probability is the mean over the 11 windows, which differ from each
        // other (so the first, the last or the largest window would not give it).
        const auto& win = r->windows;
        QCOMPARE(win.startSeconds.size(), std::size_t(11));
        QCOMPARE(win.startSeconds.back(), 50.0);
        QCOMPARE(win.windowSeconds, 10.0);
        QCOMPARE(win.perClass.size(), r->classProbabilities.size());
        std::size_t best = 0;
        for (std::size_t c = 0; c < win.perClass.size(); ++c) {
            const auto& p = win.perClass[c];
            QCOMPARE(p.size(), std::size_t(11));
            double mean = 0;
            for (float v : p)
                mean += v;
            mean /= double(p.size());
            QVERIFY2(std::abs(r->classProbabilities[c].second - mean) < 1e-6,
                     qPrintable(QStringLiteral("class %1: %2 vs window mean %3")
                                    .arg(c)
                                    .arg(r->classProbabilities[c].second)
                                    .arg(mean)));
            if (mean > r->classProbabilities[best].second)
                best = c;
        }
        const auto [lo, hi] =
            std::minmax_element(win.perClass[best].begin(), win.perClass[best].end());
        QVERIFY2(*hi - *lo > 1e-3, "windows identical: averaging would go unnoticed");
        QCOMPARE(r->predictedLabel, r->classProbabilities[best].first);
        // A lead the record lacks is a clear error naming the model and the lead.
        leads[3] = QStringLiteral("V2");
        auto bad = ModelRegistry::readAt(test::writeManifest(
            QStringLiteral("resnet-v2"),
            test::resnet1dManifest(pt, QStringLiteral("ecg-record-classification"), leads, -1)));
        auto e = InferenceRunner::run({*bad, record, {}, {}}, control, 2);
        QVERIFY(!e.ok());
        QVERIFY2(e.error().message.contains(QLatin1String("resnet1d@1")) &&
                     e.error().message.contains(QLatin1String("V2")),
                 qPrintable(e.error().message));
    }

    void delineationWithWaveUnetFindsQrsAtAnnotatedBeats() {
        CARDIOLENS_REQUIRE_SHARED(record, "ecg/mitdb/100s.hea");
        CARDIOLENS_REQUIRE_TORCH_BACKEND();
        auto reg = ModelRegistry::scan({ModelRegistry::bundledDir()});
        auto m = reg.find(QStringLiteral("ecg-wave-unet"));
        QVERIFY(m.ok());
        if (!QFileInfo::exists(m->modelPath))
            QSKIP("ecg-wave-unet weights not available");
        JobControl control;
        auto r = InferenceRunner::run({*m, record, {}, {}}, control, 2);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().describe()));
        auto atr = ecg::MitAnnotationIO::read(record, QStringLiteral("atr"));
        const auto reference = ecg::referenceBeats(*atr);
        std::vector<std::int64_t> qrs;
        for (const auto& a : r->annotations)
            if (a.code == ecg::AnnotationCodes::Normal)
                qrs.push_back(a.sample);
        // Each annotated beat has a QRS wave peak within 150 ms.
        int found = 0;
        for (auto b : reference)
            for (auto q : qrs)
                if (std::abs(q - b) <= 54) {
                    ++found;
                    break;
                }
        // P before and T after each beat (peaks; 100s is sinus rhythm at ~75 bpm, 360 Hz).
        std::vector<std::int64_t> pPeaks, tPeaks;
        for (const auto& a : r->annotations) {
            if (a.code == ecg::AnnotationCodes::PWave)
                pPeaks.push_back(a.sample);
            if (a.code == ecg::AnnotationCodes::TWave)
                tPeaks.push_back(a.sample);
        }
        const auto within = [](const std::vector<std::int64_t>& peaks, std::int64_t lo,
                               std::int64_t hi) {
            return std::any_of(peaks.begin(), peaks.end(),
                               [&](std::int64_t x) { return x >= lo && x <= hi; });
        };
        int withP = 0, withT = 0;
        for (auto b : reference) {
            withP += within(pPeaks, b - 108, b - 14) ? 1 : 0; // 300..40 ms before
            withT += within(tPeaks, b + 36, b + 162) ? 1 : 0; // 100..450 ms after
        }
        qInfo("wave-unet on 100s: %zu beats; QRS found %d (%zu QRS waves), P before %d (%zu P "
              "waves), T after %d (%zu T waves)",
              reference.size(), found, qrs.size(), withP, pPeaks.size(), withT, tPeaks.size());
        QCOMPARE(found, int(reference.size()));
        QVERIFY(qrs.size() <= reference.size() + 2);
        QVERIFY(withT >= int(reference.size() * 9 / 10));
        QVERIFY(withP >= int(reference.size() * 8 / 10));
        QVERIFY(pPeaks.size() <= reference.size() * 3 / 2); // No flicker fragments.
    }
    void demoBeatModelOnHeldOutRecord() {
        // beat-aami 1.0 was trained on MIT-BIH 100/208 and CPSC subjects 8/21; SVDB 800 is held
        // out.
        CARDIOLENS_REQUIRE_SHARED(record, "ecg/svdb/800.hea");
        CARDIOLENS_REQUIRE_TORCH_BACKEND();
        CARDIOLENS_REQUIRE_BUNDLED(bundled, "beat-aami@1.0.0");
        ModelManifest single = bundled;
        single.uncertainty = UncertaintyMethod::Entropy; // One pass keeps the test fast.
        JobControl control;
        auto r = InferenceRunner::run({single, record, {}, {}}, control, 2);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().describe()));
        auto atr = ecg::MitAnnotationIO::read(record, QStringLiteral("atr"));
        QVERIFY(atr.ok());
        std::vector<ecg::Annotation> beats;
        for (const auto& a : atr->items)
            if (ecg::AnnotationCodes::isBeat(a.code))
                beats.push_back(a);
        QCOMPARE(r->annotations.size(), beats.size());
        QCOMPARE(r->beatUncertainty.size(), beats.size());
        int agree = 0;
        // Errors among the beats the model calls uncertain vs the others: the per-beat score
        // is only useful for review if the first group holds more of the mistakes.
        int unsure = 0, unsureWrong = 0, sureWrong = 0;
        for (std::size_t i = 0; i < beats.size(); ++i) {
            const bool right =
                ecg::aamiClassOf(beats[i].code) == ecg::aamiClassOf(r->annotations[i].code);
            agree += right ? 1 : 0;
            const bool isUnsure = r->beatUncertainty[i] > 0.5f;
            unsure += isUnsure ? 1 : 0;
            (isUnsure ? unsureWrong : sureWrong) += right ? 0 : 1;
        }
        const double accuracy = double(agree) / double(beats.size());
        const int sure = int(beats.size()) - unsure;
        // AUROC of the beat uncertainty as a detector of the model's own errors.
        std::vector<float> wrongH, rightH;
        for (std::size_t i = 0; i < beats.size(); ++i)
            (ecg::aamiClassOf(beats[i].code) == ecg::aamiClassOf(r->annotations[i].code) ? rightH
                                                                                         : wrongH)
                .push_back(r->beatUncertainty[i]);
        double pairs = 0;
        for (float w : wrongH)
            for (float c : rightH)
                pairs += w > c ? 1.0 : w == c ? 0.5 : 0.0;
        const double auroc = pairs / std::max<double>(1, double(wrongH.size() * rightH.size()));
        qInfo("beat uncertainty as an error detector: AUROC %.3f (%zu errors)", auroc,
              wrongH.size());
        QVERIFY(auroc > 0.75);
        qInfo("beat-aami on svdb/800: %zu beats, AAMI accuracy %.4f; error rate %.3f in %d "
              "uncertain beats vs %.3f in %d others",
              beats.size(), accuracy, double(unsureWrong) / std::max(1, unsure), unsure,
              double(sureWrong) / std::max(1, sure), sure);
        QCOMPARE(r->details.value(QStringLiteral("uncertain_beats")).toInt(), unsure);
        // The manifest reports 0.976 on its held-out set (mostly N beats): demand 0.9 here.
        QVERIFY(accuracy >= 0.9);
        QVERIFY(unsure > 0);
        QVERIFY(double(unsureWrong) / unsure > 2.0 * double(sureWrong) / std::max(1, sure));
    }

    void mcDropoutRepeatsExactly() {
        // A case must get the same MC-dropout score on every run, or the uncertainty cache
        // and a fresh run would disagree (and reviewers would see labels change).
        CARDIOLENS_REQUIRE_SHARED(record, "ecg/mitdb/100s.hea");
        CARDIOLENS_REQUIRE_TORCH_BACKEND();
        CARDIOLENS_REQUIRE_BUNDLED(bundled, "beat-aami");
        QCOMPARE(bundled.uncertainty, UncertaintyMethod::McDropout);
        JobControl control;
        auto a = InferenceRunner::run({bundled, record, {}, {}}, control, 2);
        auto b = InferenceRunner::run({bundled, record, {}, {}}, control, 2);
        QVERIFY(a.ok() && b.ok());
        QCOMPARE(a->uncertainty, b->uncertainty);
        QVERIFY(a->beatUncertainty == b->beatUncertainty);
        QVERIFY(a->annotations == b->annotations);
    }

    void demoRhythmModelAppliesThresholds() {
        CARDIOLENS_REQUIRE_SHARED(record, "ecg/cpsc2021/data_92_4.hea");
        CARDIOLENS_REQUIRE_TORCH_BACKEND();
        CARDIOLENS_REQUIRE_BUNDLED(bundled, "rhythm-af");
        ModelManifest single = bundled;
        single.uncertainty = UncertaintyMethod::Entropy;
        JobControl control;
        auto r = InferenceRunner::run({single, record, {}, {}}, control, 2);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().describe()));
        QCOMPARE(r->classProbabilities.size(), std::size_t(2));
        QVERIFY(std::abs(r->classProbabilities[0].second + r->classProbabilities[1].second - 1.0) <
                1e-4);
        const double pAf = r->classProbabilities[0].second;
        const QString af = QStringLiteral("Atrial fibrillation"); // Code "AF" in thresholds.
        QCOMPARE(r->classProbabilities[0].first, af);
        qInfo("rhythm-af on data_92_4: P(AF) = %.3f over %d windows", pAf, r->items);
        QCOMPARE(r->details.value(QStringLiteral("above_threshold")).toArray().contains(af),
                 pAf >= 0.5); // The manifest's AF threshold.
        QCOMPARE(r->details.value(QStringLiteral("thresholds")).toObject().value(af).toDouble(),
                 0.5);
        // The answer follows the threshold, not a fixed 0.5: just below P(AF) it says AF,
        // just above it does not; the probabilities themselves do not move.
        for (const double offset : {-0.01, 0.01}) {
            single.thresholds[QStringLiteral("AF")] = pAf + offset;
            auto t = InferenceRunner::run({single, record, {}, {}}, control, 2);
            QVERIFY2(t.ok(), qPrintable(t.ok() ? QString() : t.error().describe()));
            QVERIFY(std::abs(t->classProbabilities[0].second - pAf) < 1e-9);
            const QJsonArray above = t->details.value(QStringLiteral("above_threshold")).toArray();
            QCOMPARE(above.contains(af), offset < 0);
            QCOMPARE(above.size(), offset < 0 ? 1 : 0); // Softmax "other" has no threshold.
            QVERIFY(
                std::abs(
                    t->details.value(QStringLiteral("thresholds")).toObject().value(af).toDouble() -
                    (pAf + offset)) < 1e-12);
        }
    }
    void demoSegmentationMatchesPythonReference() {
        // tools/train/reference_outputs.py ran the same model in PyTorch on the bundled
        // sample slices: the C++ preprocessing must give the same logits and masks.
        CARDIOLENS_REQUIRE_TORCH_BACKEND();
        CARDIOLENS_REQUIRE_BUNDLED(bundled, "lv-seg-sunnybrook");
        const QJsonObject ref = pythonReference(QStringLiteral("lv-seg-sunnybrook"));
        QVERIFY(!ref.isEmpty());
        const int mw = bundled.input.width, mh = bundled.input.height;
        QCOMPARE(mw, 128);
        // Model class -> internal label value, as the runner maps them.
        std::array<std::uint8_t, 3> internal{};
        for (const OutputLabel& l : bundled.labels)
            internal.at(std::size_t(l.index)) =
                imaging::labelValue(imaging::cardiacLabelFromKey(l.code));
        auto model = TorchScriptModel::load(bundled.modelPath);
        QVERIFY2(model.ok(), qPrintable(model.ok() ? QString() : model.error().describe()));
        ModelManifest single = bundled;
        single.uncertainty = UncertaintyMethod::Entropy;
        InferenceRequest request{single, {}, {}, {}};
        request.segmentation.postprocess = false; // The reference is the raw argmax.
        for (const QString& name : {QStringLiteral("108.dcm"), QStringLiteral("119.dcm")}) {
            const QJsonObject entry = ref.value(name).toObject();
            request.casePath =
                test::sample(QStringLiteral("imaging/sunnybrook/SCD0000101/") + name);
            JobControl control;
            auto r = InferenceRunner::run(request, control, 2);
            QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().describe()));
            QCOMPARE(r->labels->extent().width, 2 * mw);

            // Masks at the model's 128 x 128 (the runner maps them to 256 by nearest
            // neighbour, so pixel (2x, 2y) is model pixel (x, y)): Dice per class.
            std::vector<std::uint8_t> python;
            for (const QString& run : entry.value(QStringLiteral("argmax_128_rle"))
                                          .toString()
                                          .split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
                const QStringList vc = run.split(QLatin1Char(':'));
                python.insert(python.end(), std::size_t(vc[1].toInt()),
                              internal.at(std::size_t(vc[0].toInt())));
            }
            QCOMPARE(python.size(), std::size_t(mw * mh));
            const auto labels = std::as_const(*r->labels).frame(0, 0);
            for (int c = 1; c < 3; ++c) {
                const std::uint8_t v = internal.at(std::size_t(c));
                int both = 0, ours = 0, theirs = 0;
                for (int y = 0; y < mh; ++y)
                    for (int x = 0; x < mw; ++x) {
                        const bool a = labels.at(2 * x, 2 * y) == v;
                        const bool b = python[std::size_t(y * mw + x)] == v;
                        both += a && b;
                        ours += a;
                        theirs += b;
                    }
                const double dice = 2.0 * both / double(ours + theirs);
                qInfo("%s class %d: Dice %.4f against PyTorch (%d vs %d pixels)", qPrintable(name),
                      c, dice, ours, theirs);
                QVERIFY(theirs > 100);
                QVERIFY(dice >= 0.98);
            }

            // Logits at PyTorch's probe pixels, from the runner's own preprocessing functions.
            auto volume = imaging::ImageLoader::load(request.casePath);
            QVERIFY(volume.ok());
            const int w = volume->width(), h = volume->height();
            std::vector<float> frame(std::size_t(w * h));
            for (int y = 0; y < h; ++y)
                for (int x = 0; x < w; ++x)
                    frame[std::size_t(y * w + x)] = float(volume->valueAt(x, y, 0, 0));
            normaliseFrame(frame, bundled.input);
            const std::vector<float> input = resizeBilinear(frame, w, h, mw, mh);
            auto out = (*model)->forward({Tensor::fromFloats({1, 1, mh, mw}, input)});
            QVERIFY2(out.ok(), qPrintable(out.ok() ? QString() : out.error().describe()));
            const QJsonArray probes = entry.value(QStringLiteral("logits_128_at")).toArray();
            QVERIFY(probes.size() >= 3);
            for (const auto& probe : probes) {
                const QJsonArray yxl = probe.toArray();
                const int y = yxl[0].toInt(), x = yxl[1].toInt();
                const QJsonArray expected = yxl[2].toArray();
                for (int c = 0; c < 3; ++c) {
                    const double got =
                        out->front().valueAt(std::int64_t(c) * mw * mh + std::int64_t(y) * mw + x);
                    QVERIFY2(std::abs(got - expected[c].toDouble()) <= 1e-3,
                             qPrintable(QStringLiteral("%1 logit %2 at (%3, %4): %5 vs PyTorch %6")
                                            .arg(name)
                                            .arg(c)
                                            .arg(x)
                                            .arg(y)
                                            .arg(got)
                                            .arg(expected[c].toDouble())));
                }
            }
        }
    }
    void demoBeatModelMatchesPythonReference_data() {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("reference");
        QTest::newRow("1.0") << QStringLiteral("beat-aami@1.0.0") << QStringLiteral("beat-aami");
        // 2.0 also gets each beat's RR intervals: the C++ features must match training's.
        QTest::newRow("2.0") << QStringLiteral("beat-aami@2.0.0")
                             << QStringLiteral("beat-aami@2.0.0");
    }
    void demoBeatModelMatchesPythonReference() {
        QFETCH(QString, model);
        QFETCH(QString, reference);
        CARDIOLENS_REQUIRE_TORCH_BACKEND();
        const auto found = test::bundledModel(model);
        if (!found)
            QFAIL(qPrintable(model + QStringLiteral(" not found in the bundled models folder")));
        const ModelManifest& bundled = *found;
        const QJsonObject ref = pythonReference(reference);
        QVERIFY(!ref.isEmpty());
        const QString predicted = ref.value(QStringLiteral("predicted_aami")).toString();
        QStringList samples;
        for (const auto& v : ref.value(QStringLiteral("beat_samples_360hz")).toArray())
            samples << QString::number(v.toInteger());
        QCOMPARE(samples.size(), predicted.size());
        ModelManifest single = bundled;
        single.uncertainty = UncertaintyMethod::Entropy;
        JobControl control;
        auto r = InferenceRunner::run(
            {single, test::sample(QStringLiteral("ecg/mitdb/100s.hea")), {}, {}}, control, 2);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().describe()));
        int same = 0;
        for (int i = 0; i < samples.size(); ++i) {
            const std::int64_t at = samples[i].trimmed().toLongLong();
            for (const auto& a : r->annotations)
                if (a.sample == at && char(ecg::aamiClassOf(a.code)) == predicted[i].toLatin1()) {
                    ++same;
                    break;
                }
        }
        qInfo("%s on 100s: %d of %lld beats classified as in PyTorch", qPrintable(model), same,
              qint64(samples.size()));
        QVERIFY(same >= samples.size() - 1);
    }
    void demoRhythmModelMatchesPythonReference_data() {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("reference");
        QTest::newRow("1.0") << QStringLiteral("rhythm-af@1.0.0") << QStringLiteral("rhythm-af");
        QTest::newRow("2.0") << QStringLiteral("rhythm-af@2.0.0")
                             << QStringLiteral("rhythm-af@2.0.0");
    }
    void demoRhythmModelMatchesPythonReference() {
        QFETCH(QString, model);
        QFETCH(QString, reference);
        CARDIOLENS_REQUIRE_TORCH_BACKEND();
        const auto found = test::bundledModel(model);
        if (!found)
            QFAIL(qPrintable(model + QStringLiteral(" not found in the bundled models folder")));
        const ModelManifest& bundled = *found;
        const double expected =
            pythonReference(reference).value(QStringLiteral("record_af_probability")).toDouble(-1);
        ModelManifest single = bundled;
        single.uncertainty = UncertaintyMethod::Entropy;
        JobControl control;
        auto r = InferenceRunner::run(
            {single, test::sample(QStringLiteral("ecg/cinc2021/E07500.hea")), {}, {}}, control, 2);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().describe()));
        qInfo("%s on E07500: P(AF) %.4f (PyTorch %.4f)", qPrintable(model),
              r->classProbabilities[0].second, expected);
        QVERIFY(std::abs(r->classProbabilities[0].second - expected) < 1e-3);
    }
};

QTEST_GUILESS_MAIN(TestInferenceRunner)
#include "tst_InferenceRunner.moc"
