#include "imaging/CineView.h"

#include "imaging/CineVolume.h"
#include "imaging/LabelVolume.h"
#include "imaging/edit/CineEditor.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <vtkCamera.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkImageActor.h>
#include <vtkImageData.h>
#include <vtkImageMapper3D.h>
#include <vtkImageProperty.h>
#include <vtkInteractorStyleUser.h>
#include <vtkNew.h>
#include <vtkProperty.h>
#include <vtkRenderWindowInteractor.h>
#include <vtkRenderer.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>

namespace cardiolens::widgets {

namespace {
// Sunnybrook point contours: yellow, as expert tracings are usually shown.
constexpr std::array<std::uint8_t, 3> kContourColour = {255, 217, 26};
} // namespace

using imaging::PixelType;

namespace {
// Text, scale bar and orientation letters over the VTK picture: a transparent child widget
// that Qt composes over the GL widget (QPainter inside VTK's paintGL would fight VTK's GL
// state cache).
class AnnotationLayer : public QWidget {
public:
    AnnotationLayer(CineView* view, std::function<void(QPainter&)> draw)
        : QWidget(view), m_draw(std::move(draw)) {
        setAttribute(Qt::WA_TransparentForMouseEvents);
        setAttribute(Qt::WA_NoSystemBackground);
        setAttribute(Qt::WA_TranslucentBackground);
        setFocusPolicy(Qt::NoFocus);
    }

protected:
    void paintEvent(QPaintEvent*) override {
        QPainter p(this);
        m_draw(p);
    }

private:
    std::function<void(QPainter&)> m_draw;
};
} // namespace

struct CineView::Private {
    vtkNew<vtkRenderer> renderer;
    vtkNew<vtkImageData> image;
    vtkNew<vtkImageActor> imageActor;
    vtkNew<vtkInteractorStyleUser> style; // inert: CineView handles the mouse itself
    double spacing[2] = {1.0, 1.0};
    int width = 0;
    int height = 0;
};

CineView::CineView(QWidget* parent) : VtkHostWidget(parent), d(new Private) {
    d->renderer->SetBackground(0.0, 0.0, 0.0);
    d->renderer->SetBackgroundAlpha(1.0);
    d->imageActor->GetMapper()->SetInputData(d->image);
    d->imageActor->InterpolateOff();
    d->imageActor->VisibilityOff();
    d->imageActor->GetProperty()->SetColorWindow(255.0); // RGB passes through unchanged
    d->imageActor->GetProperty()->SetColorLevel(127.5);
    d->imageActor->ForceOpaqueOn();
    d->renderer->AddViewProp(d->imageActor);
    renderWindow()->AddRenderer(d->renderer);
    interactor()->SetInteractorStyle(d->style);

    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &CineView::onTick);
    m_layer = new AnnotationLayer(this, [this](QPainter& p) { drawAnnotations(p); });
    m_layer->resize(size());
}

CineView::~CineView() {
    delete d;
}

void CineView::setVolume(const imaging::CineVolume* volume) {
    pause();
    m_volume = volume && !volume->isEmpty() ? volume : nullptr;
    m_labels = nullptr;
    m_contours = nullptr;
    m_workingLabels = nullptr;
    allocateBuffers();
    if (!m_volume) {
        update();
        return;
    }
    m_playback.setTiming(m_volume->geometry(), m_volume->phases());
    m_slice = m_volume->slices() / 2;
    m_phase = 0;
    m_initialWl = m_volume->pixelType() == PixelType::Rgb8
                      ? imaging::fullRangeWindow(*m_volume, m_slice, m_phase)
                      : imaging::percentileWindow(*m_volume, m_slice, m_phase);
    setWindowLevel(m_initialWl); // draws the frame (no labels or contours yet)
    resetView();
    Q_EMIT frameChanged(m_slice, m_phase);
}

void CineView::allocateBuffers() {
    d->image->Initialize();
    d->imageActor->SetVisibility(m_volume != nullptr);
    if (!m_volume)
        return;
    const auto& g = m_volume->geometry();
    d->width = m_volume->width();
    d->height = m_volume->height();
    d->spacing[0] = g.pixelSpacing[0] > 0 ? g.pixelSpacing[0] : 1.0;
    d->spacing[1] = g.pixelSpacing[1] > 0 ? g.pixelSpacing[1] : 1.0;
    for (vtkImageData* img : {d->image.Get()}) {
        img->SetDimensions(d->width, d->height, 1);
        img->SetSpacing(d->spacing[0], d->spacing[1], 1.0);
        img->SetOrigin(0.0, 0.0, 0.0);
    }
    // Frames are windowed and the labels blended in on the CPU (a few hundred microseconds
    // for 256x256) into one opaque RGB texture: cheaper than a translucent second layer
    // on software GL, and identical for grey, colour and labelled frames.
    d->image->AllocateScalars(VTK_UNSIGNED_CHAR, 3);
}

void CineView::uploadFrame() {
    if (!m_volume)
        return;
    const std::uint8_t* labels =
        m_labels && m_overlayVisible && m_labels->nx == d->width && m_labels->ny == d->height
            ? imaging::labelFrame(*m_labels, m_slice, m_phase)
            : nullptr;
    if (m_workingLabels && m_overlayVisible)
        labels = m_workingLabels->frame(m_slice, m_phase).pixels().data();
    auto* dst = static_cast<std::uint8_t*>(d->image->GetScalarPointer());
    const std::span<std::uint8_t> rgb{dst, std::size_t(d->width) * std::size_t(d->height) * 3};
    imaging::renderFrameRgb(*m_volume, m_slice, m_phase, m_wl, labels, labels ? &m_style : nullptr,
                            rgb, true);
    // Point contours (Sunnybrook) go into the same texture: a second VTK actor for them cost
    // about 6 ms per frame step in software GL.
    if (m_contours && m_overlayVisible)
        for (const imaging::FrameContour& c : *m_contours)
            if (c.slice == m_slice && c.phase == m_phase)
                imaging::drawOutlineRgb(c.points, d->width, d->height, kContourColour, rgb, true);
    d->image->Modified();
    ++m_frameUploads;
}

void CineView::setLabels(const imaging::LabelCine* labels) {
    m_labels = labels;
    uploadFrame(); // labels are blended into the frame
    update();
}

void CineView::setWorkingLabels(const imaging::LabelVolume* labels) {
    m_workingLabels =
        labels && m_volume && labels->extent() == m_volume->extent() ? labels : nullptr;
    refreshFrame();
}

void CineView::setEditor(CineEditor* editor) {
    m_editor = editor;
    m_layer->update();
}

void CineView::refreshFrame() {
    uploadFrame();
    update();
}

void CineView::refreshOverlay(const QRect& area) {
    if (area.isEmpty())
        m_layer->update();
    else
        m_layer->update(area);
}

void CineView::setContours(const std::vector<imaging::FrameContour>* contours) {
    m_contours = contours;
    uploadFrame(); // contours are drawn into the frame, like the labels
    update();
}

void CineView::setOverlayStyle(const imaging::LabelOverlayStyle& style) {
    m_style = style;
    uploadFrame();
    update();
}

void CineView::setOverlayVisible(bool visible) {
    m_overlayVisible = visible;
    uploadFrame();
    update();
}

void CineView::setCaption(const QString& caption) {
    m_caption = caption;
    update();
    updateAnnotations(AnnotationArea::All);
}

void CineView::showFrame(int slice, int phase) {
    if (!m_volume)
        return;
    slice = std::clamp(slice, 0, m_volume->slices() - 1);
    phase = std::clamp(phase, 0, m_volume->phases() - 1);
    if (slice == m_slice && phase == m_phase)
        return;
    const bool sliceChanged = slice != m_slice;
    m_slice = slice;
    m_phase = phase;
    if (!isPlaying() || sliceChanged)
        m_playback.reset(phase);
    uploadFrame();
    update();
    Q_EMIT frameChanged(m_slice, m_phase);
    updateAnnotations(AnnotationArea::Top);
}

void CineView::stepSlice(int delta) {
    showFrame(m_slice + delta, m_phase);
}

void CineView::stepPhase(int delta) {
    if (!m_volume || m_volume->phases() < 2)
        return;
    const int n = m_volume->phases();
    showFrame(m_slice, ((m_phase + delta) % n + n) % n);
}

void CineView::play() {
    if (!m_volume || m_volume->phases() < 2 || isPlaying())
        return;
    m_playback.reset(m_phase);
    m_clock.start();
    // Tick often enough for the shortest frame at this speed, at most at 250 Hz.
    m_timer.start(4);
    updateAnnotations(AnnotationArea::Top);
    Q_EMIT playingChanged(true);
}

void CineView::pause() {
    if (!isPlaying())
        return;
    m_timer.stop();
    updateAnnotations(AnnotationArea::Top);
    Q_EMIT playingChanged(false);
}

void CineView::togglePlay() {
    isPlaying() ? pause() : play();
}

void CineView::onTick() {
    const double elapsed = double(m_clock.nsecsElapsed()) * 1e-6;
    m_clock.restart();
    const int next = m_playback.advance(elapsed);
    if (next != m_phase) {
        m_phase = next;
        uploadFrame();
        update();
        updateAnnotations(AnnotationArea::Top);
        Q_EMIT frameChanged(m_slice, m_phase);
    }
}

void CineView::setWindowLevel(const imaging::WindowLevel& wl) {
    m_wl = {std::max(wl.window, 1e-6), wl.level};
    uploadFrame();
    update();
    Q_EMIT windowLevelChanged(m_wl.window, m_wl.level);
    updateAnnotations(AnnotationArea::Top);
}

void CineView::autoWindowLevel() {
    if (m_volume)
        setWindowLevel(imaging::percentileWindow(*m_volume, m_slice, m_phase));
}

void CineView::resetWindowLevel() {
    setWindowLevel(m_initialWl);
}

void CineView::resetView() {
    if (!m_volume)
        return;
    vtkCamera* cam = d->renderer->GetActiveCamera();
    cam->ParallelProjectionOn();
    const double w = d->width * d->spacing[0];
    const double h = d->height * d->spacing[1];
    const double cx = 0.5 * (d->width - 1) * d->spacing[0];
    const double cy = 0.5 * (d->height - 1) * d->spacing[1];
    cam->SetFocalPoint(cx, cy, 0.0);
    cam->SetPosition(cx, cy, 1000.0);
    cam->SetViewUp(0.0, 1.0, 0.0);
    const double aspect = height() > 0 ? double(width()) / double(height()) : 1.0;
    cam->SetParallelScale(0.5 * std::max(h, w / aspect) * 1.02);
    // Fixed range: the contours (z 1) stay inside whatever is visible.
    cam->SetClippingRange(900.0, 1100.0);
    update();
    updateAnnotations(AnnotationArea::All);
}

void CineView::setInterpolated(bool on) {
    d->imageActor->SetInterpolate(on);
    update();
}

bool CineView::isInterpolated() const {
    return d->imageActor->GetInterpolate() != 0;
}

void CineView::zoomBy(double factor) {
    if (factor <= 0.0)
        return;
    vtkCamera* cam = d->renderer->GetActiveCamera();
    cam->SetParallelScale(std::clamp(cam->GetParallelScale() / factor, 0.5, 1e5));
    update();
    updateAnnotations(AnnotationArea::All);
}

double CineView::mmPerWidgetPixel() const {
    const double scale = d->renderer->GetActiveCamera()->GetParallelScale();
    return height() > 0 ? 2.0 * scale / height() : 1.0;
}

void CineView::panByPixels(QPointF delta) {
    vtkCamera* cam = d->renderer->GetActiveCamera();
    const double k = mmPerWidgetPixel();
    double f[3], p[3];
    cam->GetFocalPoint(f);
    cam->GetPosition(p);
    const double dx = -delta.x() * k, dy = delta.y() * k;
    cam->SetFocalPoint(f[0] + dx, f[1] + dy, f[2]);
    cam->SetPosition(p[0] + dx, p[1] + dy, p[2]);
    update();
    updateAnnotations(AnnotationArea::All);
}

void CineView::resizeGL(int w, int h) {
    VtkHostWidget::resizeGL(w, h);
    resetView();
}

QPointF CineView::widgetPointForPixel(double x, double y) const {
    double world[4] = {x * d->spacing[0], (d->height - 1 - y) * d->spacing[1], 0.0, 1.0};
    d->renderer->SetWorldPoint(world);
    d->renderer->WorldToDisplay();
    double display[3];
    d->renderer->GetDisplayPoint(display);
    const qreal dpr = devicePixelRatioF();
    // Display coordinates are continuous, from the bottom-left corner of the viewport.
    return {display[0] / dpr, height() - display[1] / dpr};
}

QPointF CineView::framePointAt(QPointF p) const {
    const qreal dpr = devicePixelRatioF();
    d->renderer->SetDisplayPoint(p.x() * dpr, (height() - p.y()) * dpr, 0.0);
    d->renderer->DisplayToWorld();
    double world[4];
    d->renderer->GetWorldPoint(world);
    if (world[3] != 0.0)
        for (double& v : world)
            v /= world[3];
    return {world[0] / d->spacing[0], d->height - 1 - world[1] / d->spacing[1]};
}

QPointF CineView::widgetPixelsPerFramePixel() const {
    const double k = mmPerWidgetPixel();
    return {k > 0 ? d->spacing[0] / k : 1.0, k > 0 ? d->spacing[1] / k : 1.0};
}

std::optional<QPoint> CineView::pixelAt(QPointF p) const {
    if (!m_volume)
        return std::nullopt;
    const QPointF f = framePointAt(p);
    const int x = int(std::lround(f.x()));
    const int y = int(std::lround(f.y()));
    if (x < 0 || y < 0 || x >= d->width || y >= d->height)
        return std::nullopt;
    return QPoint(x, y);
}

double CineView::scaleBarLength() const {
    const double target = width() * 0.2 * mmPerWidgetPixel();
    double len = std::pow(10.0, std::floor(std::log10(target)));
    for (double k : {5.0, 2.0})
        if (len * k <= target)
            return len * k;
    return len;
}

QString CineView::scaleBarLabel() const {
    if (!m_volume)
        return {};
    // Without a known spacing the world units are pixels (spacing 1 x 1 placeholder).
    const double len = scaleBarLength();
    return m_volume->geometry().pixelSpacingKnown ? tr("%1 mm").arg(len) : tr("%1 px").arg(len);
}

QString CineView::readout(QPoint px) const {
    if (!m_volume)
        return {};
    QString value;
    if (m_volume->pixelType() == PixelType::Rgb8) {
        const auto c = m_volume->frame<imaging::Rgb8>(m_slice, m_phase).at(px.x(), px.y());
        value = QStringLiteral("RGB %1 %2 %3").arg(c.r).arg(c.g).arg(c.b);
    } else {
        value = QString::number(m_volume->valueAt(px.x(), px.y(), m_slice, m_phase), 'g', 5);
    }
    const auto mm = m_volume->geometry().voxelToPatient(px.x(), px.y(), m_slice);
    return tr("(%1, %2, %3)  %4  [%5, %6, %7] mm")
        .arg(px.x())
        .arg(px.y())
        .arg(m_slice)
        .arg(value)
        .arg(mm[0], 0, 'f', 1)
        .arg(mm[1], 0, 'f', 1)
        .arg(mm[2], 0, 'f', 1);
}

void CineView::mousePressEvent(QMouseEvent* e) {
    setFocus();
    if (m_editor && m_editor->mousePress(*this, e))
        return;
    m_dragButton = e->button();
    m_dragLast = e->position();
}

void CineView::mouseReleaseEvent(QMouseEvent* e) {
    if (m_editor && m_editor->mouseRelease(*this, e))
        return;
    m_dragButton = Qt::NoButton;
}

void CineView::mouseMoveEvent(QMouseEvent* e) {
    if (m_editor && m_editor->mouseMove(*this, e)) {
        m_dragLast = e->position();
        return;
    }
    const QPointF delta = e->position() - m_dragLast;
    m_dragLast = e->position();
    if (m_dragButton == Qt::RightButton) {
        // Horizontal drag widens the window, vertical drag raises the level, both in
        // proportion to the current window so fine and coarse work alike.
        const double k = std::max(m_wl.window, 1.0) / 200.0;
        setWindowLevel({std::max(1.0, m_wl.window + delta.x() * k), m_wl.level - delta.y() * k});
    } else if (m_dragButton == Qt::LeftButton || m_dragButton == Qt::MiddleButton) {
        panByPixels(delta);
    }
    m_hoverPixel = pixelAt(e->position());
    if (m_hoverPixel)
        Q_EMIT cursorReadout(readout(*m_hoverPixel));
    updateAnnotations(AnnotationArea::Bottom);
}

void CineView::leaveEvent(QEvent* e) {
    if (m_editor)
        m_editor->leave(*this);
    m_hoverPixel.reset();
    updateAnnotations(AnnotationArea::Bottom);
    VtkHostWidget::leaveEvent(e);
}

void CineView::wheelEvent(QWheelEvent* e) {
    if (m_editor && m_editor->wheel(*this, e))
        return;
    const double steps = e->angleDelta().y() / 120.0;
    if (e->modifiers() & Qt::ControlModifier)
        stepSlice(steps > 0 ? 1 : -1);
    else
        zoomBy(std::pow(1.15, steps));
    e->accept();
}

void CineView::keyPressEvent(QKeyEvent* e) {
    if (m_editor && m_editor->key(*this, e))
        return;
    switch (e->key()) {
    case Qt::Key_Up:
        stepSlice(1);
        break;
    case Qt::Key_Down:
        stepSlice(-1);
        break;
    case Qt::Key_Right:
        stepPhase(1);
        break;
    case Qt::Key_Left:
        stepPhase(-1);
        break;
    case Qt::Key_Space:
        togglePlay();
        break;
    case Qt::Key_A:
        autoWindowLevel();
        break;
    case Qt::Key_I:
        setInterpolated(!isInterpolated());
        break;
    case Qt::Key_R:
        resetWindowLevel();
        resetView();
        break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomBy(1.25);
        break;
    case Qt::Key_Minus:
        zoomBy(0.8);
        break;
    default:
        QOpenGLWidget::keyPressEvent(e);
        return;
    }
    e->accept();
}

void CineView::paintGL() {
    VtkHostWidget::paintGL();
    if (m_layer->size() != size()) {
        m_layer->resize(size());
        m_layer->update();
    }
}

void CineView::updateAnnotations(AnnotationArea area) {
    // Repainting the layer uploads what changed to the GL compositor: keep it small while
    // frames change (the top text band only).
    const int band = fontMetrics().height() * 2 + 16;
    switch (area) {
    case AnnotationArea::Top:
        m_layer->update(0, 0, width(), band);
        break;
    case AnnotationArea::Bottom:
        m_layer->update(0, height() - band, width(), band);
        break;
    case AnnotationArea::All:
        m_layer->update();
        break;
    }
}

namespace {
// Letter of the patient direction (LPS) a unit vector points to most.
QChar directionLetter(double x, double y, double z) {
    const double ax = std::abs(x), ay = std::abs(y), az = std::abs(z);
    if (ax >= ay && ax >= az)
        return x > 0 ? u'L' : u'R';
    if (ay >= az)
        return y > 0 ? u'P' : u'A';
    return z > 0 ? u'S' : u'I';
}
} // namespace

void CineView::drawAnnotations(QPainter& p) {
    if (!m_volume)
        return;
    p.setRenderHint(QPainter::Antialiasing);
    QFont f = font();
    f.setPointSizeF(9.0);
    p.setFont(f);
    const QFontMetrics fm(f);
    const int m = 8;
    const auto text = [&](const QPoint& at, const QString& s, Qt::Alignment align) {
        const QRect r = fm.boundingRect(s);
        QPoint o = at;
        if (align & Qt::AlignRight)
            o.rx() -= r.width();
        p.setPen(QColor(0, 0, 0, 200));
        p.drawText(o + QPoint(1, 1), s);
        p.setPen(QColor(235, 235, 235));
        p.drawText(o, s);
    };
    const auto& g = m_volume->geometry();
    QString frame = tr("Slice %1/%2   Phase %3/%4")
                        .arg(m_slice + 1)
                        .arg(m_volume->slices())
                        .arg(m_phase + 1)
                        .arg(m_volume->phases());
    if (!g.triggerTimesMs.empty() || g.frameTimeMs > 0.0)
        frame += tr("   %1 ms").arg(g.phaseTimeMs(m_phase), 0, 'f', 0);
    if (isPlaying())
        frame += tr("   ▶ %1×").arg(m_playback.speed(), 0, 'g', 2);
    text({m, m + fm.ascent()}, frame, Qt::AlignLeft);
    text({width() - m, m + fm.ascent()},
         tr("W %1  L %2").arg(m_wl.window, 0, 'f', 0).arg(m_wl.level, 0, 'f', 0), Qt::AlignRight);
    if (!m_caption.isEmpty())
        text({width() - m, m + 2 * fm.height()}, m_caption, Qt::AlignRight);
    if (m_hoverPixel)
        text({m, height() - m - fm.descent()}, readout(*m_hoverPixel), Qt::AlignLeft);
    if (m_editor) {
        p.save();
        m_editor->paintOverlay(p, *this);
        p.restore();
    }

    // Orientation letters from the direction cosines (screen right = +x, down = +y).
    const auto& dir = g.direction;
    if (!(dir == std::array<double, 9>{1, 0, 0, 0, 1, 0, 0, 0, 1})) {
        const QChar right = directionLetter(dir[0], dir[3], dir[6]);
        const QChar left = directionLetter(-dir[0], -dir[3], -dir[6]);
        const QChar down = directionLetter(dir[1], dir[4], dir[7]);
        const QChar up = directionLetter(-dir[1], -dir[4], -dir[7]);
        text({m, height() / 2}, QString(left), Qt::AlignLeft);
        text({width() - m, height() / 2}, QString(right), Qt::AlignRight);
        text({width() / 2, m + 2 * fm.height()}, QString(up), Qt::AlignLeft);
        text({width() / 2, height() - m - fm.height()}, QString(down), Qt::AlignLeft);
    }

    // Scale bar: a round length near 1/5 of the view width.
    const double mmPerPx = mmPerWidgetPixel();
    if (mmPerPx > 0.0) {
        const double len = scaleBarLength();
        const int px = int(len / mmPerPx);
        const int x1 = width() - m, x0 = x1 - px, y = height() - m - fm.height() - 4;
        p.setPen(QPen(QColor(235, 235, 235), 2));
        p.drawLine(x0, y, x1, y);
        p.drawLine(x0, y - 4, x0, y + 4);
        p.drawLine(x1, y - 4, x1, y + 4);
        text({x1, height() - m - fm.descent()}, scaleBarLabel(), Qt::AlignRight);
    }
}

} // namespace cardiolens::widgets
