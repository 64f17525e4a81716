// cardiolens-ecg-render-bench RECORD [--viewports N] [--seed S]
//
// Paints the ECG strip into a 1920x1080 image for N random viewports (zoom from 2 s to
// 24 h per screen, log-uniform) on RECORD, typically the 24-hour 12-lead record from
// tools/ecg/make_long_record.py, and prints JSON: open time, time to first paint (before
// the pyramid exists), pyramid build time, median/p95 paint time and resident memory.
#include "ecg/EcgReader.h"
#include "ecg/EcgStripRenderer.h"
#include "ecg/RecordTraceSource.h"
#include "ecg/dsp/RecordPyramid.h"

#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>

#include "BenchTiming.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>

using namespace cardiolens;
using namespace cardiolens::widgets;
using cardiolens::bench::nowMs;
using cardiolens::bench::percentile;
using cardiolens::bench::residentMb;

namespace {} // namespace

int main(int argc, char* argv[]) {
    qputenv("QT_QPA_PLATFORM", "offscreen"); // QPainter on a QImage needs no display
    QGuiApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    if (args.isEmpty()) {
        std::fprintf(stderr,
                     "usage: cardiolens-ecg-render-bench RECORD [--viewports N] [--seed S]\n");
        return 2;
    }
    const QString path = args[0];
    const int viewports = args.contains(QStringLiteral("--viewports"))
                              ? args.value(args.indexOf(QStringLiteral("--viewports")) + 1).toInt()
                              : 200;
    const unsigned seed = args.contains(QStringLiteral("--seed"))
                              ? args.value(args.indexOf(QStringLiteral("--seed")) + 1).toUInt()
                              : 1234u;

    const double rssBefore = residentMb();
    const double t0 = nowMs();
    auto opened = ecg::EcgReader::open(path);
    if (!opened) {
        std::fprintf(stderr, "cardiolens-ecg-render-bench: %s\n",
                     qPrintable(opened.error().describe()));
        return 1;
    }
    const double openMs = nowMs() - t0;
    auto source = std::make_shared<RecordTraceSource>(opened.value());
    const ecg::EcgRecord& rec = source->record();

    QImage image(1920, 1080, QImage::Format_RGB32);
    EcgStripRenderer renderer;
    EcgViewState state;
    state.scale.pxPerMm = 96.0 / 25.4;
    state.layout = EcgLayoutKind::Stack;
    state.recordName = rec.name;
    const QRectF target(0, 0, image.width(), image.height());
    const std::vector<EcgBeatMark> noBeats;
    const std::vector<EcgEpisode> noEpisodes;
    const EcgStripRenderer::Overlays overlays{&noBeats, &noEpisodes};
    const auto paint = [&] {
        QPainter p(&image);
        renderer.paint(p, target, state, *source, overlays);
    };

    // First paint after opening: 25 mm/s page, no pyramid yet.
    double t = nowMs();
    paint();
    const double firstPaintMs = nowMs() - t0;
    const double firstPaintOnlyMs = nowMs() - t;

    t = nowMs();
    auto builder = ecg::startPyramidBuild(rec);
    if (!builder) {
        std::fprintf(stderr, "cardiolens-ecg-render-bench: %s\n",
                     qPrintable(builder.error().describe()));
        return 1;
    }
    auto pyramid = (*builder)->result();
    const double pyramidMs = nowMs() - t;
    source->setPyramid(pyramid);

    std::mt19937 rng(seed);
    const double duration = rec.durationSeconds();
    const double widthMm = renderer.traceArea(target, state).width() / state.scale.pxPerMm;
    std::uniform_real_distribution<double> logZoom(std::log(2.0),
                                                   std::log(std::min(86400.0, duration)));
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::vector<double> times;
    paint(); // warm caches
    for (int i = 0; i < viewports; ++i) {
        const double seconds = std::exp(logZoom(rng));
        state.scale.mmPerSecond = widthMm / seconds;
        state.startSeconds = unit(rng) * std::max(0.0, duration - seconds);
        t = nowMs();
        paint();
        times.push_back(nowMs() - t);
    }

    QJsonObject out;
    out[QStringLiteral("bench")] = QStringLiteral("ecg-render");
    out[QStringLiteral("record")] = path;
    out[QStringLiteral("leads")] = rec.leadCount();
    out[QStringLiteral("duration_h")] = duration / 3600.0;
    out[QStringLiteral("image")] = QStringLiteral("1920x1080");
    out[QStringLiteral("viewports")] = viewports;
    out[QStringLiteral("open_ms")] = openMs;
    out[QStringLiteral("first_paint_after_open_ms")] = firstPaintMs;
    out[QStringLiteral("first_paint_only_ms")] = firstPaintOnlyMs;
    out[QStringLiteral("pyramid_build_ms")] = pyramidMs;
    out[QStringLiteral("pyramid_mb")] = pyramid ? double(pyramid->memoryBytes()) / 1048576.0 : 0.0;
    out[QStringLiteral("paint_median_ms")] = percentile(times, 50);
    out[QStringLiteral("paint_p95_ms")] = percentile(times, 95);
    out[QStringLiteral("paint_max_ms")] = percentile(times, 100);
    out[QStringLiteral("resident_mb")] = residentMb();
    out[QStringLiteral("resident_mb_at_start")] = rssBefore;
    std::fputs(QJsonDocument(out).toJson().constData(), stdout);
    return 0;
}
