// bench edit: the core cost of label editing on the real cines the editor opens: Sunnybrook
// SCD0000101 (256², 12 slices x 20 phases) and the echo clip (600 x 430, 10 frames).
// Per case: the per-move cost of a 100-move brush stroke (core only, no drawing), the
// commit of a stroke, undo and redo of the largest stroke (a wide brush swept over the
// whole frame), the memory of 1,000 strokes of history, and interpolating 3 slices.
// Screen update per move is measured by the GUI benchmark; save/load by the store's.
#include "cli/bench/Bench.h"

#include "common/DataPaths.h"
#include "imaging/ImageLoader.h"
#include "imaging/edit/BrushStroke.h"
#include "imaging/edit/EditableLabels.h"
#include "imaging/edit/SliceInterpolation.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <random>

namespace cardiolens::cli {

namespace {

using namespace cardiolens::imaging;

double median(std::vector<double> v) {
    return percentile(v, 50.0);
}

// A 100-move stroke along a wobbly arc around (cx, cy): what a user drags along a border.
std::vector<Point2> arcStroke(double cx, double cy, double radius, double startAngle,
                              std::mt19937& rng) {
    std::uniform_real_distribution<double> jitter(-0.4, 0.4);
    std::vector<Point2> points;
    for (int i = 0; i < 100; ++i) {
        const double a = startAngle + i * 0.02;
        points.push_back(
            {cx + radius * std::cos(a) + jitter(rng), cy + radius * std::sin(a) + jitter(rng)});
    }
    return points;
}

QJsonObject benchCase(const QString& path, const QString& name) {
    auto image = ImageLoader::load(path);
    if (!image)
        return {{QStringLiteral("error"), image.error().describe()}};
    auto labels = LabelVolume::like(*image);
    if (!labels)
        return {{QStringLiteral("error"), labels.error().describe()}};
    const VolumeExtent e = image->extent();
    const double cx = e.width / 2.0, cy = e.height / 2.0;
    EditableLabels doc(std::move(*labels));
    std::mt19937 rng(11);

    // 1. Per-move cost and commit of 20 ordinary strokes (5 mm brush).
    BrushSettings brush;
    brush.radius = 5.0;
    brush.unit = BrushSettings::Unit::Millimetres;
    std::vector<double> moveMs, finishMs;
    for (int s = 0; s < 20; ++s) {
        brush.value = std::uint8_t(1 + s % 3);
        const auto points = arcStroke(cx, cy, e.width / 6.0, s * 0.3, rng);
        BrushStroke stroke(doc, s % e.slices, s % e.phases, brush, image.operator->());
        for (const Point2& p : points) {
            const double t0 = nowMs();
            stroke.moveTo(p);
            moveMs.push_back(nowMs() - t0);
        }
        const double t0 = nowMs();
        stroke.finish();
        finishMs.push_back(nowMs() - t0);
    }

    // 2. The largest stroke: a brush a fifth of the frame wide swept back and forth over it.
    BrushSettings wide;
    wide.radius = std::min(e.width, e.height) / 10.0;
    wide.value = 2;
    {
        BrushStroke stroke(doc, 0, 0, wide);
        for (int i = 0; i < 100; ++i) {
            const double row = (i / 10) * e.height / 10.0 + e.height / 20.0;
            const double col = (i % 10) * e.width / 9.0;
            stroke.moveTo({(i / 10) % 2 ? e.width - col : col, row});
        }
        stroke.finish();
    }
    const EditRecord* largest = doc.history().nextUndo();
    const std::size_t largestPixels = largest ? largest->changedPixels() : 0;
    const std::size_t largestBytes = largest ? largest->bytes() : 0;
    std::vector<double> undoMs, redoMs;
    for (int i = 0; i < 10; ++i) {
        double t0 = nowMs();
        doc.undo();
        undoMs.push_back(nowMs() - t0);
        t0 = nowMs();
        doc.redo();
        redoMs.push_back(nowMs() - t0);
    }

    // 3. 1,000 strokes of history (3-8 mm brushes, 100 moves each, spread over the frames).
    EditableLabels history(std::move(LabelVolume::like(*image).value()));
    std::uniform_real_distribution<double> radius(3.0, 8.0), angle(0.0, 6.28);
    const double t0 = nowMs();
    for (int s = 0; s < 1000; ++s) {
        BrushSettings b;
        b.radius = radius(rng);
        b.unit = BrushSettings::Unit::Millimetres;
        b.value = s % 7 == 6 ? 0 : std::uint8_t(1 + s % 3);
        const int frame = s % int(e.frameCount());
        BrushStroke stroke(history, frame % e.slices, frame / e.slices, b);
        for (const Point2& p : arcStroke(cx, cy, e.width / 8.0, angle(rng), rng))
            stroke.moveTo(p);
        stroke.finish();
    }
    const double thousandMs = nowMs() - t0;

    // 4. Slice interpolation across 3 slices (MR only).
    double interpolateMs = -1.0;
    if (e.slices >= 5) {
        const double i0 = nowMs();
        SliceInterpolation::apply(doc, 0, 0, 4);
        interpolateMs = nowMs() - i0;
    }

    return {
        {QStringLiteral("case"), name},
        {QStringLiteral("extent"),
         QStringLiteral("%1x%2x%3x%4").arg(e.width).arg(e.height).arg(e.slices).arg(e.phases)},
        {QStringLiteral("core_move_median_ms"), median(moveMs)},
        {QStringLiteral("core_move_p95_ms"), percentile(moveMs, 95.0)},
        {QStringLiteral("stroke_commit_median_ms"), median(finishMs)},
        {QStringLiteral("largest_stroke_pixels"), double(largestPixels)},
        {QStringLiteral("largest_stroke_kb"), double(largestBytes) / 1024.0},
        {QStringLiteral("undo_ms"), median(undoMs)},
        {QStringLiteral("redo_ms"), median(redoMs)},
        {QStringLiteral("history_mb"), double(history.history().bytes()) / (1024.0 * 1024.0)},
        {QStringLiteral("history_entries"), history.history().undoCount()},
        {QStringLiteral("strokes_1000_ms"), thousandMs},
        {QStringLiteral("interpolate_3_slices_ms"), interpolateMs},
    };
}

QJsonObject run(const QStringList&) {
    const QString shared = DataPaths::sharedDataDir();
    const QString mr =
        QDir(shared).filePath(QStringLiteral("imaging/sunnybrook/dicoms/SCD0000101"));
    const QString echo =
        QDir(shared).filePath(QStringLiteral("imaging/echo/US-PAL-8-10x-echo.dcm"));
    if (shared.isEmpty() || !QFileInfo::exists(mr) || !QFileInfo::exists(echo))
        return {{QStringLiteral("error"),
                 QStringLiteral("needs the shared data (sunnybrook SCD0000101, echo clip)")}};
    QJsonArray cases;
    double undo = 0.0, historyMb = 0.0, moveMedian = 0.0, moveP95 = 0.0;
    for (const auto& [path, name] :
         {std::pair{mr, QStringLiteral("SCD0000101")}, std::pair{echo, QStringLiteral("echo")}}) {
        QJsonObject c = benchCase(path, name);
        if (c.contains(QStringLiteral("error")))
            return c;
        undo = std::max({undo, c[QStringLiteral("undo_ms")].toDouble(),
                         c[QStringLiteral("redo_ms")].toDouble()});
        historyMb = std::max(historyMb, c[QStringLiteral("history_mb")].toDouble());
        moveMedian = std::max(moveMedian, c[QStringLiteral("core_move_median_ms")].toDouble());
        moveP95 = std::max(moveP95, c[QStringLiteral("core_move_p95_ms")].toDouble());
        cases.append(c);
    }
    // Top level: the worse of the two cases, in the keys issue targets name.
    return {{QStringLiteral("undo_ms"), undo},
            {QStringLiteral("history_mb"), historyMb},
            {QStringLiteral("core_move_median_ms"), moveMedian},
            {QStringLiteral("core_move_p95_ms"), moveP95},
            {QStringLiteral("target_undo_ms"), 30},
            {QStringLiteral("target_history_mb"), 64},
            {QStringLiteral("cases"), cases}};
}

const bool registered = registerBench(
    {QStringLiteral("edit"),
     QStringLiteral("label editing core: brush move cost, undo/redo of the largest stroke, "
                    "memory of 1,000 strokes of history"),
     run});

} // namespace

} // namespace cardiolens::cli
