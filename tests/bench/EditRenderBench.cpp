// cardiolens-edit-render-bench [SUNNYBROOK_DICOM_DIR] [ECHO_CLIP]   (run under Xvfb)
//
// Screen update of label editing in the cine viewer: a 100-move brush stroke sent as mouse
// events through LabelEditor; each move ends when the frame with the new pixels has been
// drawn and GL has finished (stroke_median_ms, stroke_p95_ms, targets < 8 / < 16 ms), then
// Ctrl+Z / Ctrl+Shift+Z of that stroke, each until drawn (undo_draw_ms, redo_draw_ms).
// Prints JSON. Defaults to the shared Sunnybrook SCD0000101 cine and the echo clip.
#include "common/DataPaths.h"
#include "imaging/CineView.h"
#include "imaging/CineVolume.h"
#include "imaging/ImageLoader.h"
#include "imaging/edit/EditableLabels.h"
#include "imaging/edit/LabelEditor.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QOpenGLContext>
#include <QOpenGLFunctions>

#include "BenchTiming.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

using namespace cardiolens;
using namespace cardiolens::widgets;
using cardiolens::bench::nowMs;
using cardiolens::bench::percentile;

namespace {

// Runs the event loop until the view has drawn a new frame and GL is done.
void waitDrawn(CineView& view, int before) {
    QElapsedTimer t;
    t.start();
    while (view.renderCount() <= before && t.elapsed() < 2000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
    view.makeCurrent();
    QOpenGLContext::currentContext()->functions()->glFinish();
    view.doneCurrent();
}

void send(CineView& view, QEvent::Type type, QPointF at, Qt::MouseButton button,
          Qt::MouseButtons buttons) {
    QMouseEvent e(type, at, view.mapToGlobal(at), button, buttons, {});
    QCoreApplication::sendEvent(&view, &e);
}

double key(CineView& view, Qt::KeyboardModifiers mods) {
    const int before = view.renderCount();
    const double t0 = nowMs();
    QKeyEvent e(QEvent::KeyPress, Qt::Key_Z, mods);
    QCoreApplication::sendEvent(&view, &e);
    waitDrawn(view, before);
    return nowMs() - t0;
}

QJsonObject benchCase(const QString& path, const QString& name) {
    auto loaded = imaging::ImageLoader::load(path);
    if (!loaded)
        return {{QStringLiteral("error"), loaded.error().describe()}};
    imaging::CineVolume volume = std::move(*loaded);
    CineView view;
    view.resize(900, 700);
    view.show();
    view.setVolume(&volume);
    waitDrawn(view, 0);
    imaging::EditableLabels doc(std::move(imaging::LabelVolume::like(volume).value()));
    LabelEditor editor;
    editor.attach(&view, &doc, &volume);
    editor.setBrushRadius(5.0);
    const double cx = volume.width() / 2.0, cy = volume.height() / 2.0;
    const double r = std::min(volume.width(), volume.height()) / 5.0;
    std::vector<double> moveMs;
    for (int i = 0; i <= 100; ++i) {
        const double a = i * 0.05;
        const QPointF at = view.widgetPointForPixel(cx + r * std::cos(a), cy + r * std::sin(a));
        const int before = view.renderCount();
        const double t0 = nowMs();
        send(view, i == 0 ? QEvent::MouseButtonPress : QEvent::MouseMove, at, Qt::LeftButton,
             Qt::LeftButton);
        waitDrawn(view, before);
        if (i > 0)
            moveMs.push_back(nowMs() - t0);
    }
    send(view, QEvent::MouseButtonRelease, view.widgetPointForPixel(cx, cy), Qt::LeftButton,
         Qt::NoButton);
    std::vector<double> undoMs, redoMs;
    for (int i = 0; i < 10; ++i) {
        undoMs.push_back(key(view, Qt::ControlModifier));
        redoMs.push_back(key(view, Qt::ControlModifier | Qt::ShiftModifier));
    }
    const bool recorded = doc.history().undoCount() == 1;
    editor.attach(nullptr, nullptr, nullptr);
    view.setVolume(nullptr);
    return {{QStringLiteral("case"), name},
            {QStringLiteral("moves"), int(moveMs.size())},
            {QStringLiteral("one_undo_entry"), recorded},
            {QStringLiteral("stroke_median_ms"), percentile(moveMs, 50)},
            {QStringLiteral("stroke_p95_ms"), percentile(moveMs, 95)},
            {QStringLiteral("undo_draw_ms"), percentile(undoMs, 50)},
            {QStringLiteral("redo_draw_ms"), percentile(redoMs, 50)}};
}
} // namespace

int main(int argc, char** argv) {
    QSurfaceFormat::setDefaultFormat(VtkHostWidget::defaultFormat());
    QApplication app(argc, argv);
    const QString shared = DataPaths::sharedDataDir();
    const QString mri = argc > 1 ? QString::fromLocal8Bit(argv[1])
                                 : shared + QStringLiteral("/imaging/sunnybrook/dicoms/SCD0000101");
    const QString echo = argc > 2 ? QString::fromLocal8Bit(argv[2])
                                  : shared + QStringLiteral("/imaging/echo/US-PAL-8-10x-echo.dcm");
    QJsonArray cases{benchCase(mri, QStringLiteral("SCD0000101")),
                     benchCase(echo, QStringLiteral("echo"))};
    double median = 0, p95 = 0, undo = 0;
    for (const auto& c : cases) {
        median = std::max(median, c[QStringLiteral("stroke_median_ms")].toDouble());
        p95 = std::max(p95, c[QStringLiteral("stroke_p95_ms")].toDouble());
        undo = std::max({undo, c[QStringLiteral("undo_draw_ms")].toDouble(),
                         c[QStringLiteral("redo_draw_ms")].toDouble()});
    }
    const QJsonObject out{{QStringLiteral("bench"), QStringLiteral("edit-render")},
                          {QStringLiteral("stroke_median_ms"), median},
                          {QStringLiteral("stroke_p95_ms"), p95},
                          {QStringLiteral("undo_draw_ms"), undo},
                          {QStringLiteral("cases"), cases}};
    std::printf("%s\n", QJsonDocument(out).toJson().constData());
    return 0;
}
