#include "vtk/VtkHostWidget.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QOpenGLContext>
#include <QOpenGLExtraFunctions>
#include <QWheelEvent>

#include <vtkCallbackCommand.h>
#include <vtkCommand.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkNew.h>
#include <vtkOpenGLState.h>

#ifndef GL_DRAW_FRAMEBUFFER
#define GL_DRAW_FRAMEBUFFER 0x8CA9
#endif
#ifndef GL_LEQUAL
#define GL_LEQUAL 0x0203
#endif

namespace cardiolens::widgets {

struct VtkHostWidget::Private {
    vtkNew<vtkGenericOpenGLRenderWindow> window;
    vtkNew<vtkGenericRenderWindowInteractor> interactor;
    vtkNew<vtkCallbackCommand> callback;
};

VtkHostWidget::VtkHostWidget(QWidget* parent) : QOpenGLWidget(parent), d(new Private) {
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setMinimumSize(64, 64);

    d->window->SetMultiSamples(0);
    d->window->SetFrameBlitModeToNoBlit(); // paintGL blits into Qt's framebuffer itself
    d->window->SetReadyForRendering(false);
    d->interactor->SetRenderWindow(d->window);
    d->interactor->EnableRenderOff(); // all rendering goes through paintGL
    d->window->SetInteractor(d->interactor);

    d->callback->SetClientData(this);
    d->callback->SetCallback([](vtkObject* caller, unsigned long id, void* client, void* call) {
        static_cast<VtkHostWidget*>(client)->onVtkEvent(caller, id, call);
    });
    d->window->AddObserver(vtkCommand::WindowMakeCurrentEvent, d->callback);
    d->window->AddObserver(vtkCommand::WindowIsCurrentEvent, d->callback);
    d->window->AddObserver(vtkCommand::WindowFrameEvent, d->callback);
    d->window->AddObserver(vtkCommand::WindowSupportsOpenGLEvent, d->callback);
    d->window->AddObserver(vtkCommand::WindowIsDirectEvent, d->callback);
    d->interactor->AddObserver(vtkCommand::RenderEvent, d->callback);
}

VtkHostWidget::~VtkHostWidget() {
    // Release VTK's GL resources while our context still exists.
    if (context()) {
        makeCurrent();
        d->window->Finalize();
        doneCurrent();
    }
    d->window->RemoveObserver(d->callback);
    d->interactor->RemoveObserver(d->callback);
    delete d;
}

QSurfaceFormat VtkHostWidget::defaultFormat() {
    QSurfaceFormat fmt;
    fmt.setRenderableType(QSurfaceFormat::OpenGL);
    fmt.setVersion(3, 2);
    fmt.setProfile(QSurfaceFormat::CoreProfile);
    fmt.setRedBufferSize(8);
    fmt.setGreenBufferSize(8);
    fmt.setBlueBufferSize(8);
    fmt.setAlphaBufferSize(8);
    fmt.setDepthBufferSize(24);
    fmt.setStencilBufferSize(0);
    fmt.setSamples(0);
    fmt.setSwapBehavior(QSurfaceFormat::DoubleBuffer);
    return fmt;
}

vtkGenericOpenGLRenderWindow* VtkHostWidget::renderWindow() const {
    return d->window;
}
vtkRenderWindowInteractor* VtkHostWidget::interactor() const {
    return d->interactor;
}

void VtkHostWidget::onVtkEvent(vtkObject*, unsigned long eventId, void* callData) {
    switch (eventId) {
    case vtkCommand::WindowMakeCurrentEvent:
        // Not QOpenGLWidget::makeCurrent(): that binds Qt's FBO behind VTK's state cache
        // and the widget renders black.
        if (context())
            context()->makeCurrent(context()->surface());
        break;
    case vtkCommand::WindowIsCurrentEvent:
        *static_cast<bool*>(callData) = context() && QOpenGLContext::currentContext() == context();
        break;
    case vtkCommand::WindowSupportsOpenGLEvent:
    case vtkCommand::WindowIsDirectEvent:
        *static_cast<int*>(callData) = 1;
        break;
    case vtkCommand::WindowFrameEvent:
        break;
    case vtkCommand::RenderEvent:
        update(); // an interactor style asked for a render
        break;
    default:
        break;
    }
}

void VtkHostWidget::initializeGL() {
    d->window->SetOwnContext(0);
    d->window->OpenGLInitContext();
    d->window->GetState()->Reset();
    d->window->SetReadyForRendering(true);
    const qreal dpr = devicePixelRatioF();
    d->window->SetSize(int(width() * dpr), int(height() * dpr));
}

void VtkHostWidget::resizeGL(int w, int h) {
    const qreal dpr = devicePixelRatioF();
    const int pw = int(w * dpr);
    const int ph = int(h * dpr);
    d->window->SetSize(pw, ph);
    d->interactor->UpdateSize(pw, ph);
    d->window->SetDPI(int(logicalDpiX() * dpr));
}

void VtkHostWidget::paintGL() {
    vtkOpenGLState* state = d->window->GetState();
    // Qt may have touched GL state since VTK last rendered: resync VTK's cache first.
    state->Reset();
    state->Push();
    state->vtkglDepthFunc(GL_LEQUAL); // Qt leaves GL_LESS; VTK expects GL_LEQUAL
    d->window->Render();
    state->Pop();

    // Copy VTK's display framebuffer into the widget's framebuffer.
    state->PushDrawFramebufferBinding();
    state->vtkglBindFramebuffer(GL_DRAW_FRAMEBUFFER, defaultFramebufferObject());
    d->window->BlitDisplayFramebuffer();
    state->PopDrawFramebufferBinding();
    ++m_renderCount;
}

void VtkHostWidget::forwardPosition(const QPointF& pos, Qt::KeyboardModifiers mods) {
    const qreal dpr = devicePixelRatioF();
    // VTK's y axis points up from the bottom of the window.
    const int x = int(pos.x() * dpr);
    const int y = int((height() - pos.y()) * dpr) - 1;
    d->interactor->SetEventInformation(x, y, (mods & Qt::ControlModifier) ? 1 : 0,
                                       (mods & Qt::ShiftModifier) ? 1 : 0);
    d->interactor->SetAltKey((mods & Qt::AltModifier) ? 1 : 0);
}

void VtkHostWidget::mousePressEvent(QMouseEvent* e) {
    forwardPosition(e->position(), e->modifiers());
    switch (e->button()) {
    case Qt::LeftButton:
        d->interactor->InvokeEvent(vtkCommand::LeftButtonPressEvent);
        break;
    case Qt::MiddleButton:
        d->interactor->InvokeEvent(vtkCommand::MiddleButtonPressEvent);
        break;
    case Qt::RightButton:
        d->interactor->InvokeEvent(vtkCommand::RightButtonPressEvent);
        break;
    default:
        break;
    }
}

void VtkHostWidget::mouseReleaseEvent(QMouseEvent* e) {
    forwardPosition(e->position(), e->modifiers());
    switch (e->button()) {
    case Qt::LeftButton:
        d->interactor->InvokeEvent(vtkCommand::LeftButtonReleaseEvent);
        break;
    case Qt::MiddleButton:
        d->interactor->InvokeEvent(vtkCommand::MiddleButtonReleaseEvent);
        break;
    case Qt::RightButton:
        d->interactor->InvokeEvent(vtkCommand::RightButtonReleaseEvent);
        break;
    default:
        break;
    }
}

void VtkHostWidget::mouseDoubleClickEvent(QMouseEvent* e) {
    forwardPosition(e->position(), e->modifiers());
    d->interactor->SetRepeatCount(1);
    mousePressEvent(e);
}

void VtkHostWidget::mouseMoveEvent(QMouseEvent* e) {
    forwardPosition(e->position(), e->modifiers());
    d->interactor->InvokeEvent(vtkCommand::MouseMoveEvent);
}

void VtkHostWidget::wheelEvent(QWheelEvent* e) {
    forwardPosition(e->position(), e->modifiers());
    const int delta = e->angleDelta().y();
    if (delta > 0)
        d->interactor->InvokeEvent(vtkCommand::MouseWheelForwardEvent);
    else if (delta < 0)
        d->interactor->InvokeEvent(vtkCommand::MouseWheelBackwardEvent);
    e->accept();
}

void VtkHostWidget::keyPressEvent(QKeyEvent* e) {
    const QString text = e->text();
    const char ch = text.isEmpty() ? 0 : text.at(0).toLatin1();
    d->interactor->SetKeyEventInformation((e->modifiers() & Qt::ControlModifier) ? 1 : 0,
                                          (e->modifiers() & Qt::ShiftModifier) ? 1 : 0, ch,
                                          e->isAutoRepeat() ? 1 : 0, nullptr);
    d->interactor->InvokeEvent(vtkCommand::KeyPressEvent);
    if (ch)
        d->interactor->InvokeEvent(vtkCommand::CharEvent);
    QOpenGLWidget::keyPressEvent(e); // let parents see keys VTK does not use
}

void VtkHostWidget::keyReleaseEvent(QKeyEvent* e) {
    const QString text = e->text();
    const char ch = text.isEmpty() ? 0 : text.at(0).toLatin1();
    d->interactor->SetKeyEventInformation((e->modifiers() & Qt::ControlModifier) ? 1 : 0,
                                          (e->modifiers() & Qt::ShiftModifier) ? 1 : 0, ch, 0,
                                          nullptr);
    d->interactor->InvokeEvent(vtkCommand::KeyReleaseEvent);
    QOpenGLWidget::keyReleaseEvent(e);
}

void VtkHostWidget::enterEvent(QEnterEvent* e) {
    d->interactor->InvokeEvent(vtkCommand::EnterEvent);
    QOpenGLWidget::enterEvent(e);
}

void VtkHostWidget::leaveEvent(QEvent* e) {
    d->interactor->InvokeEvent(vtkCommand::LeaveEvent);
    QOpenGLWidget::leaveEvent(e);
}

} // namespace cardiolens::widgets
