// cardiolens-model-run-bench [ECG_RECORD] [CINE]   (run under Xvfb; prints JSON)
//
// What a user feels while a model runs from the GUI: the event loop's longest stall (a 10-ms
// timer's late ticks) during beat classification of a 30-min record and segmentation of a
// whole cine, the run's wall time, and how long Cancel takes to end a run from the GUI.
// Defaults to MIT-BIH 208 and Sunnybrook SCD0000101 in the shared data.
#include "ecg/EcgWorkspace.h"
#include "imaging/ImagingWorkspace.h"
#include "inference/ImagingModelRun.h"
#include "inference/ModelRunController.h"
#include "inference/OpenMpPolicy.h"
#include "vtk/VtkHostWidget.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace cardiolens;
using namespace cardiolens::widgets;

namespace {
// Runs the event loop until \a controller ends its job; returns the wall time and the timer
// gaps (ms between consecutive 10-ms ticks) seen meanwhile.
struct Watch {
    double wallMs = 0;
    std::vector<double> gaps;
    std::vector<double> at; ///< When each gap ended, ms after the start.
    QString error;
};

Watch watchRun(ModelRunController* controller, const std::function<void()>& start,
               int cancelAfterMs = -1) {
    Watch w;
    // Let the freshly shown workspace paint and its background work (pyramid) finish first.
    QEventLoop settle;
    QTimer::singleShot(1500, &settle, &QEventLoop::quit);
    settle.exec();
    QEventLoop loop;
    QElapsedTimer clock, tick;
    QObject::connect(controller, &ModelRunController::finished, &loop, &QEventLoop::quit);
    QObject::connect(controller, &ModelRunController::failed, &loop, [&](const QString& m) {
        w.error = m;
        loop.quit();
    });
    QTimer timer;
    timer.setTimerType(Qt::PreciseTimer);
    timer.setInterval(10);
    QObject::connect(&timer, &QTimer::timeout, [&] {
        w.gaps.push_back(double(tick.nsecsElapsed()) / 1e6);
        w.at.push_back(double(clock.nsecsElapsed()) / 1e6);
        tick.restart();
    });
    double cancelAt = -1;
    if (cancelAfterMs >= 0)
        QTimer::singleShot(cancelAfterMs, controller, [&] {
            cancelAt = double(clock.nsecsElapsed()) / 1e6;
            controller->cancel();
        });
    clock.start();
    tick.start();
    timer.start();
    start();
    if (controller->isRunning())
        loop.exec();
    w.wallMs = double(clock.nsecsElapsed()) / 1e6 - std::max(0.0, cancelAt);
    return w;
}

QJsonObject summary(const Watch& w) {
    std::vector<double> g = w.gaps;
    std::sort(g.begin(), g.end());
    const auto pct = [&](double p) {
        return g.empty() ? 0.0 : g[std::min(g.size() - 1, std::size_t(p * double(g.size())))];
    };
    QJsonObject o;
    o[QStringLiteral("wall_ms")] = w.wallMs;
    o[QStringLiteral("event_loop_ticks")] = int(g.size());
    o[QStringLiteral("event_loop_gap_median_ms")] = pct(0.5);
    o[QStringLiteral("event_loop_gap_p99_ms")] = pct(0.99);
    o[QStringLiteral("event_loop_gap_max_ms")] = g.empty() ? 0.0 : g.back();
    if (!g.empty()) {
        const auto worst = std::max_element(w.gaps.begin(), w.gaps.end()) - w.gaps.begin();
        o[QStringLiteral("event_loop_gap_max_at_ms")] = w.at[std::size_t(worst)];
    }
    if (!w.error.isEmpty())
        o[QStringLiteral("message")] = w.error;
    return o;
}
} // namespace

int main(int argc, char** argv) {
    inference::ensurePassiveOpenMp(argv);
    QSurfaceFormat::setDefaultFormat(VtkHostWidget::defaultFormat());
    QApplication app(argc, argv);
    const QString shared = QDir::cleanPath(QStringLiteral(CARDIOLENS_SOURCE_DIR "/../shared/data"));
    const QString record =
        argc > 1 ? QString::fromLocal8Bit(argv[1]) : shared + QStringLiteral("/ecg/mitdb/208.hea");
    const QString cine = argc > 2
                             ? QString::fromLocal8Bit(argv[2])
                             : shared + QStringLiteral("/imaging/sunnybrook/dicoms/SCD0000101");
    QJsonObject out;
    out[QStringLiteral("threads")] = ModelRunController::threadCount();

    EcgWorkspace ecg;
    ecg.resize(1200, 700);
    ecg.show();
    if (auto opened = ecg.openRecord(record); !opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().describe()));
        return 1;
    }
    out[QStringLiteral("beat_classification")] =
        summary(watchRun(ecg.modelRun(), [&] { ecg.runModel(QStringLiteral("beat-aami")); }));
    out[QStringLiteral("beat_classification_cancel_after_300ms")] = summary(watchRun(
        ecg.modelRun(), [&] { ecg.runModel(QStringLiteral("beat-aami")); }, 300));

    ImagingWorkspace imaging;
    imaging.resize(1200, 800);
    imaging.show();
    if (auto opened = imaging.openVolume(cine); !opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().describe()));
        return 1;
    }
    ImagingModelRun run(&imaging);
    out[QStringLiteral("cine_segmentation")] =
        summary(watchRun(run.controller(), [&] { run.run(QStringLiteral("lv-seg-sunnybrook")); }));
    std::fputs(QJsonDocument(out).toJson().constData(), stdout);
    return 0;
}
