// cardiolens-cine-render-bench [SUNNYBROOK_DICOM_DIR] [ECHO_CLIP]   (run under Xvfb)
//
// Times the cine viewer on screen (VTK in a QOpenGLWidget, the GL of the X server):
// open-to-first-frame, next-frame time for phase and slice steps with the label overlay on
// (median, p95; each step ends when GL has finished drawing), and the sustained frame rate
// of playback over 5 s (at the study's own timing, and as fast as frames can be shown).
// Prints JSON. Defaults to the shared Sunnybrook SCD0000101 cine and echo clip.
#include "imaging/CaseAnnotations.h"
#include "imaging/CineView.h"
#include "imaging/CineVolume.h"
#include "imaging/DatasetLayout.h"
#include "imaging/ImageLoader.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QOpenGLContext>
#include <QOpenGLFunctions>

#include <vtkGenericOpenGLRenderWindow.h>

#include "BenchTiming.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

using namespace cardiolens;
using namespace cardiolens::widgets;
using cardiolens::bench::nowMs;
using cardiolens::bench::percentile;

namespace {

// Lets the event loop draw the pending frame (as on screen) and waits until GL is done.
void drawNow(CineView& view) {
    const int before = view.renderCount();
    view.update();
    QElapsedTimer t;
    t.start();
    while (view.renderCount() <= before && t.elapsed() < 2000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
    view.makeCurrent();
    QOpenGLContext::currentContext()->functions()->glFinish();
    view.doneCurrent();
}

// VTK's part alone: upload + render into its framebuffer, no Qt composition.
double vtkOnlyStepMs(CineView& view, int steps) {
    std::vector<double> t;
    for (int i = 0; i < steps; ++i) {
        const double t0 = nowMs();
        view.stepPhase(1);
        view.makeCurrent();
        view.renderWindow()->Render();
        QOpenGLContext::currentContext()->functions()->glFinish();
        view.doneCurrent();
        t.push_back(nowMs() - t0);
    }
    return percentile(t, 50);
}

QJsonObject stepTimes(CineView& view, bool phaseSteps, int steps) {
    std::vector<double> t;
    for (int i = 0; i < steps; ++i) {
        const double t0 = nowMs();
        phaseSteps ? view.stepPhase(1) : view.stepSlice((i / 6) % 2 ? -1 : 1);
        drawNow(view);
        t.push_back(nowMs() - t0);
    }
    return {{QStringLiteral("median_ms"), percentile(t, 50)},
            {QStringLiteral("p95_ms"), percentile(t, 95)},
            {QStringLiteral("steps"), steps}};
}

QJsonObject playback(CineView& view, double speed, int ms) {
    view.playback().setSpeed(speed);
    int changes = 0;
    auto c = QObject::connect(&view, &CineView::frameChanged, [&] { ++changes; });
    const int rendersBefore = view.renderCount();
    QElapsedTimer t;
    t.start();
    view.play();
    while (t.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    view.pause();
    QObject::disconnect(c);
    const double s = double(t.elapsed()) / 1000.0;
    return {{QStringLiteral("speed"), speed},
            {QStringLiteral("requested_fps"), view.playback().framesPerSecond()},
            {QStringLiteral("phase_changes_per_s"), changes / s},
            {QStringLiteral("frames_drawn_per_s"), (view.renderCount() - rendersBefore) / s}};
}

QJsonObject benchOne(const QString& path, bool withCase) {
    QJsonObject out{{QStringLiteral("path"), path}};
    CineView view;
    view.resize(800, 700);
    view.show();
    QElapsedTimer wait;
    wait.start();
    while (view.renderCount() == 0 && wait.elapsed() < 5000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);

    const double t0 = nowMs();
    auto loaded = imaging::ImageLoader::load(path);
    if (!loaded) {
        out[QStringLiteral("error")] = loaded.error().message;
        return out;
    }
    imaging::CineVolume volume = std::move(*loaded);
    const double tLoaded = nowMs();
    std::optional<imaging::CaseAnnotations> annotations;
    if (withCase) {
        auto c = imaging::DatasetLayout::open(path);
        if (c) {
            auto a = imaging::annotationsOnImage(*c, volume);
            if (a)
                annotations = std::move(*a);
        }
    }
    const double tAnnotated = nowMs();
    view.setVolume(&volume);
    if (annotations) {
        view.setLabels(&annotations->labels);
        view.setContours(&annotations->contours);
    }
    drawNow(view);
    const double tShown = nowMs();
    out[QStringLiteral("open_to_first_frame_ms")] = tShown - t0;
    out[QStringLiteral("load_ms")] = tLoaded - t0;
    out[QStringLiteral("annotations_ms")] = tAnnotated - tLoaded;
    out[QStringLiteral("size")] = QStringLiteral("%1x%2x%3x%4 %5")
                                      .arg(volume.width())
                                      .arg(volume.height())
                                      .arg(volume.slices())
                                      .arg(volume.phases())
                                      .arg(imaging::pixelTypeName(volume.pixelType()));
    out[QStringLiteral("overlay")] = bool(annotations);
    // Show a contoured frame so the overlay is really drawn while stepping.
    if (annotations && !annotations->contours.empty())
        view.showFrame(annotations->contours.front().slice, annotations->contours.front().phase);
    out[QStringLiteral("phase_step")] = stepTimes(view, true, 100);
    out[QStringLiteral("phase_step_vtk_render_only_median_ms")] = vtkOnlyStepMs(view, 40);
    if (volume.slices() > 1)
        out[QStringLiteral("slice_step")] = stepTimes(view, false, 60);
    out[QStringLiteral("playback_study_rate")] = playback(view, 1.0, 5000);
    out[QStringLiteral("playback_max")] = playback(view, 20.0, 5000);
    view.setVolume(nullptr);
    return out;
}
} // namespace

int main(int argc, char* argv[]) {
    QSurfaceFormat::setDefaultFormat(VtkHostWidget::defaultFormat());
    QApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    const QString sunnybrook =
        args.value(0, QStringLiteral("/work/shared/data/imaging/sunnybrook/dicoms/SCD0000101"));
    const QString echo =
        args.value(1, QStringLiteral("/work/shared/data/imaging/echo/US-PAL-8-10x-echo.dcm"));
    QJsonObject out{{QStringLiteral("bench"), QStringLiteral("cine-render")},
                    {QStringLiteral("gl_renderer"), QString()}};
    out[QStringLiteral("sunnybrook")] = benchOne(sunnybrook, true);
    out[QStringLiteral("echo")] = benchOne(echo, false);
    {
        CineView probe;
        probe.show();
        QElapsedTimer wait;
        wait.start();
        while (probe.renderCount() == 0 && wait.elapsed() < 5000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        probe.makeCurrent();
        const auto* r = QOpenGLContext::currentContext()->functions()->glGetString(GL_RENDERER);
        out[QStringLiteral("gl_renderer")] = QString::fromLatin1(reinterpret_cast<const char*>(r));
        probe.doneCurrent();
    }
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Indented).constData());
    return 0;
}
