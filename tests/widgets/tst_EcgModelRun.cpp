// "Run model" in the ECG workspace: the job runs in the background (the event loop keeps
// turning), its beats appear as annotator "model:NAME", and cancel ends the job.
#include "ecg/EcgStripView.h"
#include "ecg/EcgWorkspace.h"
#include "imaging/ImagingWorkspace.h"
#include "inference/ImagingModelRun.h"
#include "inference/ModelRunController.h"
#include "inference/TorchScriptModel.h"
#include "inference/UncertaintyCache.h"

#include "ModelFolder.h"
#include "TestData.h"
#include "TorchRequired.h"

#include <QSignalSpy>
#include <QtTest>

using namespace cardiolens;

namespace {
// The first failure message a controller reported, for QVERIFY2 (empty when none).
QString firstFailure(const QSignalSpy& failed) {
    return failed.isEmpty() ? QString() : failed.front().front().toString();
}
} // namespace

class TestEcgModelRun : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void beatModelResultBecomesAnnotator() {
        CARDIOLENS_REQUIRE_SHARED(record, "ecg/mitdb/100s.hea");
        CARDIOLENS_REQUIRE_TORCH_BACKEND();
        widgets::EcgWorkspace ws;
        ws.modelRun()->setUncertaintyCachePath(test::scratchDir() +
                                               QStringLiteral("/ecg-model-run-uncertainty.json"));
        QVERIFY(ws.openRecord(record).ok());
        QSignalSpy messages(&ws, &widgets::EcgWorkspace::statusMessage);
        QSignalSpy failed(ws.modelRun(), &widgets::ModelRunController::failed);
        QSignalSpy finished(ws.modelRun(), &widgets::ModelRunController::finished);
        ws.runModel(QStringLiteral("beat-aami"));
        QVERIFY2(failed.isEmpty(), qPrintable(firstFailure(failed)));
        QVERIFY(ws.modelRun()->isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(!ws.modelRun()->isRunning(), 60000);
        // beat-aami measures uncertainty with MC-dropout: a one-pass result comes first,
        // then the refined one, which alone goes to the uncertainty cache.
        QCOMPARE(finished.size(), 2);
        const auto first = finished.at(0).at(0).value<inference::InferenceResult>();
        const auto last = finished.at(1).at(0).value<inference::InferenceResult>();
        QVERIFY(first.details.contains(QStringLiteral("stage")));
        QCOMPARE(first.uncertaintyMethod, QStringLiteral("entropy"));
        QCOMPARE(last.uncertaintyMethod, QStringLiteral("mc-dropout"));
        QVERIFY(!last.details.contains(QStringLiteral("stage")));
        QCOMPARE(first.annotations.size(), last.annotations.size());
        const auto cached = inference::UncertaintyCache(ws.modelRun()->uncertaintyCachePath())
                                .lookup(record, last.modelId);
        QVERIFY(cached && std::abs(*cached - last.uncertainty) < 1e-12);
        QTRY_VERIFY_WITH_TIMEOUT(ws.annotators().contains(QStringLiteral("model:beat-aami")), 5000);
        QCOMPARE(ws.currentAnnotator(), QStringLiteral("model:beat-aami"));
        QVERIFY(failed.isEmpty());
        bool summary = false;
        for (const auto& m : messages)
            summary |= m.front().toString().contains(QLatin1String("beat-aami@"));
        QVERIFY(summary);
    }

    void delineationBecomesWaveBands() {
        // ecg-wave-unet on MIT-BIH 100s (74 sinus beats): P, QRS and T bands in the strip.
        CARDIOLENS_REQUIRE_SHARED(record, "ecg/mitdb/100s.hea");
        CARDIOLENS_REQUIRE_SHARED(weights, "models/ecg-wave-unet/model.pt"); // Not bundled.
        CARDIOLENS_REQUIRE_TORCH_BACKEND();
        widgets::EcgWorkspace ws;
        QVERIFY(ws.openRecord(record).ok());
        QSignalSpy failed(ws.modelRun(), &widgets::ModelRunController::failed);
        ws.runModel(QStringLiteral("ecg-wave-unet"));
        QVERIFY2(failed.isEmpty(), qPrintable(firstFailure(failed)));
        QTRY_VERIFY_WITH_TIMEOUT(!ws.modelRun()->isRunning(), 60000);
        QCOMPARE(ws.currentAnnotator(), QStringLiteral("model:ecg-wave-unet"));
        std::map<char, int> kinds;
        for (const widgets::EcgWave& w : ws.stripView()->waves()) {
            ++kinds[w.kind];
            QVERIFY(w.endSeconds > w.startSeconds);
        }
        qInfo("wave bands: P %d, QRS %d, T %d", kinds['P'], kinds['Q'], kinds['T']);
        for (char k : {'P', 'Q', 'T'})
            QVERIFY2(kinds[k] >= 70 && kinds[k] <= 78, qPrintable(QString(QLatin1Char(k))));
    }

    void brokenModelFailsClearlyAndTheNextRunWorks() {
        CARDIOLENS_REQUIRE_SHARED(record, "ecg/mitdb/100s.hea");
        CARDIOLENS_REQUIRE_TORCH_BACKEND();
        const QString dir = test::writeModelFolder(
            QStringLiteral("gui-broken-model"),
            R"({"name": "broken", "version": "0.1", "task": "ecg-beat-classification",
            "file": "model.pt", "input": {"dtype": "float32", "shape": [-1, 1, 128],
            "leads": ["any"], "sampling_rate_hz": 128, "window_samples": 128},
            "output": {"activation": "softmax", "labels": [{"index": 0, "name": "N", "code": "N"}]}})",
            {{}, true});
        QVERIFY(!dir.isEmpty());
        widgets::EcgWorkspace ws;
        QVERIFY(ws.openRecord(record).ok());
        QSignalSpy failed(ws.modelRun(), &widgets::ModelRunController::failed);
        ws.runModel(dir);
        QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 30000);
        const QString message = failed.front().front().toString();
        QVERIFY2(message.contains(QLatin1String("broken@0.1")), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("cannot load")), qPrintable(message));
        QVERIFY(!ws.modelRun()->isRunning());
        QVERIFY(!ws.annotators().contains(QStringLiteral("model:broken")));
        // The workspace carries on: a good model runs next.
        ws.runModel(QStringLiteral("beat-aami"));
        QTRY_VERIFY_WITH_TIMEOUT(ws.annotators().contains(QStringLiteral("model:beat-aami")),
                                 60000);
        QCOMPARE(failed.size(), 1);
    }

    void uncertainBeatsAreMarkedAndReachable() {
        // Held-out SVDB 800: the beats beat-aami is unsure of read "N?" and "?" jumps to them.
        CARDIOLENS_REQUIRE_SHARED(record, "ecg/svdb/800.hea");
        CARDIOLENS_REQUIRE_TORCH_BACKEND();
        widgets::EcgWorkspace ws;
        QVERIFY(ws.openRecord(record).ok());
        ws.modelRun()->setQuickFirstPass(false);
        QSignalSpy finished(ws.modelRun(), &widgets::ModelRunController::finished);
        QSignalSpy failed(ws.modelRun(), &widgets::ModelRunController::failed);
        ws.runModel(QStringLiteral("beat-aami"));
        QVERIFY2(failed.isEmpty(), qPrintable(firstFailure(failed)));
        QTRY_VERIFY_WITH_TIMEOUT(!ws.modelRun()->isRunning(), 60000);
        QCOMPARE(finished.size(), 1);
        const auto result = finished.front().front().value<inference::InferenceResult>();
        const int expected = result.details.value(QStringLiteral("uncertain_beats")).toInt();
        std::vector<double> flagged;
        for (const widgets::EcgBeatMark& b : ws.stripView()->beats())
            if (b.uncertain)
                flagged.push_back(b.seconds);
        qInfo("%d uncertain beats of %zu", expected, ws.stripView()->beats().size());
        QVERIFY(expected > 0);
        QCOMPARE(int(flagged.size()), expected);
        ws.stripView()->goToTime(0);
        QVERIFY(ws.stripView()->jumpToBeat({QStringLiteral("?")}, true));
        const double centre = ws.stripView()->startSeconds() + ws.stripView()->pageSeconds() / 2;
        QVERIFY2(std::abs(centre - flagged.front()) < 0.01 ||
                     flagged.front() < ws.stripView()->pageSeconds() / 2,
                 qPrintable(QString::number(centre)));
    }

    void cancelEndsTheJob() {
        CARDIOLENS_REQUIRE_SHARED(record, "ecg/mitdb/208.hea");
        CARDIOLENS_REQUIRE_TORCH_BACKEND();
        widgets::EcgWorkspace ws;
        QVERIFY(ws.openRecord(record).ok());
        QSignalSpy failed(ws.modelRun(), &widgets::ModelRunController::failed);
        ws.runModel(QStringLiteral("beat-aami")); // 30 min x 10 MC-dropout passes: seconds.
        QVERIFY2(failed.isEmpty(), qPrintable(firstFailure(failed)));
        ws.cancelModelRun();
        QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 20000);
        QVERIFY2(failed.front().front().toString().contains(QLatin1String("cancelled")),
                 qPrintable(failed.front().front().toString()));
        QVERIFY(!ws.annotators().contains(QStringLiteral("model:beat-aami")));
    }
    void segmentationResultBecomesPrediction() {
        const QString slice = test::sample(QStringLiteral("imaging/sunnybrook/SCD0000101/108.dcm"));
        QVERIFY2(QFileInfo::exists(slice), qPrintable(slice)); // Bundled sample.
        CARDIOLENS_REQUIRE_TORCH_BACKEND();
        widgets::ImagingWorkspace ws;
        QVERIFY(ws.openVolume(slice).ok());
        widgets::ImagingModelRun run(&ws);
        QSignalSpy messages(&run, &widgets::ImagingModelRun::statusMessage);
        run.run(QStringLiteral("lv-seg-sunnybrook"));
        QVERIFY2(run.controller()->isRunning(),
                 qPrintable(messages.isEmpty() ? QString() : messages.last().front().toString()));
        QTRY_VERIFY_WITH_TIMEOUT(!run.controller()->isRunning(), 60000);
        QTRY_VERIFY_WITH_TIMEOUT(!messages.isEmpty() && messages.last().front().toString().contains(
                                                            QLatin1String("segmented")),
                                 5000);
    }
};

QTEST_MAIN(TestEcgModelRun)
#include "tst_EcgModelRun.moc"
