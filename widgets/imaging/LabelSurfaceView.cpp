#include "imaging/LabelSurfaceView.h"

#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkDiscreteFlyingEdges3D.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkImageData.h>
#include <vtkInteractorStyleTrackballCamera.h>
#include <vtkLookupTable.h>
#include <vtkNew.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderWindowInteractor.h>
#include <vtkRenderer.h>
#include <vtkWindowedSincPolyDataFilter.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

namespace cardiolens::widgets {

struct LabelSurfaceView::Private {
    vtkNew<vtkRenderer> renderer;
    vtkNew<vtkImageData> labels;
    vtkNew<vtkDiscreteFlyingEdges3D> surfaces;
    vtkNew<vtkWindowedSincPolyDataFilter> smoother;
    vtkNew<vtkLookupTable> colours;
    vtkNew<vtkPolyDataMapper> mapper;
    vtkNew<vtkActor> actor;
    vtkNew<vtkInteractorStyleTrackballCamera> style;
};

LabelSurfaceView::LabelSurfaceView(QWidget* parent) : VtkHostWidget(parent), d(new Private) {
    d->renderer->SetBackground(0.1, 0.1, 0.12);
    d->renderer->SetBackgroundAlpha(1.0); // alpha 0 would let the Qt window show through
    d->surfaces->SetInputData(d->labels);
    d->surfaces->ComputeNormalsOff(); // the smoother's output gets normals from the mapper
    d->smoother->SetInputConnection(d->surfaces->GetOutputPort());
    d->smoother->SetNumberOfIterations(15);
    d->smoother->SetPassBand(0.1);
    d->smoother->NonManifoldSmoothingOn();
    d->smoother->NormalizeCoordinatesOn();
    d->colours->SetNumberOfTableValues(256);
    d->colours->SetTableRange(0, 255);
    d->colours->Build();
    d->mapper->SetInputConnection(d->smoother->GetOutputPort());
    d->mapper->SetLookupTable(d->colours);
    d->mapper->SetScalarRange(0, 255);
    d->mapper->SetScalarModeToDefault();   // the contour value, per point
    d->mapper->SetColorModeToMapScalars(); // uchar scalars are labels, not colours
    d->mapper->ScalarVisibilityOn();
    d->actor->SetMapper(d->mapper);
    d->actor->VisibilityOff();
    d->renderer->AddActor(d->actor);
    renderWindow()->AddRenderer(d->renderer);
    interactor()->SetInteractorStyle(d->style);
}

LabelSurfaceView::~LabelSurfaceView() {
    delete d;
}

void LabelSurfaceView::setLabels(const imaging::LabelCine* labels, int phase,
                                 const imaging::LabelOverlayStyle& style) {
    d->actor->VisibilityOff();
    if (!labels || labels->nt == 0 ||
        labels->labels.size() != labels->phaseSize() * std::size_t(labels->nt)) {
        update();
        return;
    }
    // The stored phase whose cine frame is nearest to the one shown.
    int stored = 0;
    for (int p = 0; p < labels->nt; ++p) {
        const int f = labels->frameNumbers.empty() ? p : labels->frameNumbers[std::size_t(p)];
        const int best =
            labels->frameNumbers.empty() ? stored : labels->frameNumbers[std::size_t(stored)];
        if (std::abs(f - phase) < std::abs(best - phase))
            stored = p;
    }
    d->labels->SetDimensions(labels->nx, labels->ny, labels->nz);
    d->labels->SetSpacing(labels->spacing[0], labels->spacing[1], labels->spacing[2]);
    d->labels->AllocateScalars(VTK_UNSIGNED_CHAR, 1);
    auto* dst = static_cast<std::uint8_t*>(d->labels->GetScalarPointer());
    const std::uint8_t* src = labels->phaseData(stored);
    // Image rows grow downwards, VTK's y upwards: flip so the view matches the slices.
    for (int z = 0; z < labels->nz; ++z)
        for (int y = 0; y < labels->ny; ++y)
            std::memcpy(dst + (std::size_t(z) * labels->ny + std::size_t(labels->ny - 1 - y)) *
                                  labels->nx,
                        src + (std::size_t(z) * labels->ny + std::size_t(y)) * labels->nx,
                        std::size_t(labels->nx));
    d->labels->Modified();
    int n = 0;
    for (int v = 1; v < 256; ++v) {
        const auto& c = style.colours[std::size_t(v)];
        d->colours->SetTableValue(v, c[0] / 255.0, c[1] / 255.0, c[2] / 255.0, 1.0);
        if (style.visible[std::size_t(v)] &&
            std::find(src, src + labels->phaseSize(), std::uint8_t(v)) != src + labels->phaseSize())
            d->surfaces->SetValue(n++, v);
    }
    d->surfaces->SetNumberOfContours(n);
    if (n == 0) {
        update();
        return;
    }
    d->smoother->Update();
    d->actor->VisibilityOn();
    d->renderer->ResetCamera();
    vtkCamera* cam = d->renderer->GetActiveCamera();
    cam->Elevation(-35.0);
    cam->Azimuth(30.0);
    cam->OrthogonalizeViewUp();
    d->renderer->ResetCamera();
    d->renderer->ResetCameraClippingRange();
    update();
}

long long LabelSurfaceView::triangleCount() const {
    if (!d->actor->GetVisibility())
        return 0;
    return d->smoother->GetOutput()->GetNumberOfPolys();
}

} // namespace cardiolens::widgets
