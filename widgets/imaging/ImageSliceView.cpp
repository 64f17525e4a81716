#include "imaging/ImageSliceView.h"

#include <vtkCallbackCommand.h>
#include <vtkCamera.h>
#include <vtkCommand.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkImageActor.h>
#include <vtkImageData.h>
#include <vtkImageMapper3D.h>
#include <vtkImageProperty.h>
#include <vtkInteractorStyleImage.h>
#include <vtkNew.h>
#include <vtkRenderWindowInteractor.h>
#include <vtkRenderer.h>

#include <algorithm>
#include <cstring>

namespace cardiolens::widgets {

struct ImageSliceView::Private {
    vtkNew<vtkRenderer> renderer;
    vtkNew<vtkImageData> image;
    vtkNew<vtkImageActor> actor;
    vtkNew<vtkInteractorStyleImage> style;
    vtkNew<vtkCallbackCommand> wlCallback;
};

ImageSliceView::ImageSliceView(QWidget* parent) : VtkHostWidget(parent), d(new Private) {
    d->renderer->SetBackground(0.08, 0.08, 0.09);
    d->renderer->SetBackgroundAlpha(1.0); // alpha 0 would let the Qt window show through
    d->actor->GetMapper()->SetInputData(d->image);
    d->actor->InterpolateOff();
    d->renderer->AddViewProp(d->actor);
    d->actor->VisibilityOff();
    renderWindow()->AddRenderer(d->renderer);
    d->style->SetInteractionModeToImage2D();
    d->style->SetCurrentImageNumber(0); // window/level acts on our single image actor
    interactor()->SetInteractorStyle(d->style);

    // Observe interaction, not WindowLevelEvent: with an observer on that event the VTK
    // style stops applying window/level itself and leaves it to the observer.
    d->wlCallback->SetClientData(this);
    d->wlCallback->SetCallback([](vtkObject*, unsigned long, void* client, void*) {
        static_cast<ImageSliceView*>(client)->notifyIfWindowLevelChanged();
    });
    d->style->AddObserver(vtkCommand::InteractionEvent, d->wlCallback);
    d->style->AddObserver(vtkCommand::EndInteractionEvent, d->wlCallback);
}

ImageSliceView::~ImageSliceView() {
    d->style->RemoveObserver(d->wlCallback);
    delete d;
}

void ImageSliceView::setSlice(const imaging::ImageSlice& slice) {
    m_slice = slice;
    d->image->Initialize();
    if (slice.isEmpty()) {
        d->actor->VisibilityOff();
        update();
        return;
    }
    d->image->SetDimensions(slice.width, slice.height, 1);
    d->image->SetSpacing(slice.spacing[0], slice.spacing[1], 1.0);
    d->image->SetOrigin(0.0, 0.0, 0.0);
    d->image->AllocateScalars(VTK_FLOAT, 1);
    auto* dst = static_cast<float*>(d->image->GetScalarPointer());
    // VTK rows grow upwards; image rows grow downwards: flip while copying.
    for (int y = 0; y < slice.height; ++y) {
        const float* srcRow = slice.pixels.data() + std::size_t(y) * std::size_t(slice.width);
        float* dstRow = dst + std::size_t(slice.height - 1 - y) * std::size_t(slice.width);
        std::memcpy(dstRow, srcRow, sizeof(float) * std::size_t(slice.width));
    }
    d->image->Modified();
    d->actor->VisibilityOn();
    autoWindowLevel();
    resetCamera();
    update();
}

void ImageSliceView::setWindowLevel(double window, double level) {
    d->actor->GetProperty()->SetColorWindow(std::max(window, 1e-6));
    d->actor->GetProperty()->SetColorLevel(level);
    notifyIfWindowLevelChanged();
    update();
}

void ImageSliceView::notifyIfWindowLevelChanged() {
    const double w = window();
    const double l = level();
    if (w == m_emittedWindow && l == m_emittedLevel)
        return;
    m_emittedWindow = w;
    m_emittedLevel = l;
    Q_EMIT windowLevelChanged(w, l);
}

double ImageSliceView::window() const {
    return d->actor->GetProperty()->GetColorWindow();
}
double ImageSliceView::level() const {
    return d->actor->GetProperty()->GetColorLevel();
}

void ImageSliceView::autoWindowLevel() {
    if (m_slice.isEmpty())
        return;
    std::vector<float> sorted = m_slice.pixels;
    const std::size_t lo = sorted.size() / 100;
    const std::size_t hi = sorted.size() - 1 - sorted.size() / 100;
    std::nth_element(sorted.begin(), sorted.begin() + std::ptrdiff_t(lo), sorted.end());
    const float vLo = sorted[lo];
    std::nth_element(sorted.begin(), sorted.begin() + std::ptrdiff_t(hi), sorted.end());
    const float vHi = sorted[hi];
    setWindowLevel(std::max(1.0, double(vHi - vLo)), 0.5 * double(vHi + vLo));
}

void ImageSliceView::resizeGL(int w, int h) {
    VtkHostWidget::resizeGL(w, h);
    resetCamera(); // keep the whole slice in view as the widget changes shape
}

void ImageSliceView::resetCamera() {
    if (m_slice.isEmpty())
        return;
    vtkCamera* cam = d->renderer->GetActiveCamera();
    cam->ParallelProjectionOn();
    const double w = m_slice.width * m_slice.spacing[0];
    const double h = m_slice.height * m_slice.spacing[1];
    const double cx = 0.5 * (m_slice.width - 1) * m_slice.spacing[0];
    const double cy = 0.5 * (m_slice.height - 1) * m_slice.spacing[1];
    cam->SetFocalPoint(cx, cy, 0.0);
    cam->SetPosition(cx, cy, 1000.0);
    cam->SetViewUp(0.0, 1.0, 0.0);
    const double aspect = height() > 0 ? double(width()) / double(height()) : 1.0;
    // Parallel scale is half the visible height: fit the whole slice with a small margin.
    cam->SetParallelScale(0.5 * std::max(h, w / aspect) * 1.02);
    d->renderer->ResetCameraClippingRange();
}

QPointF ImageSliceView::widgetPointForPixel(double x, double y) const {
    double world[4] = {x * m_slice.spacing[0], (m_slice.height - 1 - y) * m_slice.spacing[1], 0.0,
                       1.0};
    d->renderer->SetWorldPoint(world);
    d->renderer->WorldToDisplay();
    double display[3];
    d->renderer->GetDisplayPoint(display);
    const qreal dpr = devicePixelRatioF();
    // Display coordinates count device pixels from the bottom-left corner.
    return {display[0] / dpr, height() - (display[1] + 1) / dpr};
}

} // namespace cardiolens::widgets
