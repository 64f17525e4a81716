#pragma once

#include <QOpenGLWidget>
#include <QSurfaceFormat>

class vtkGenericOpenGLRenderWindow;
class vtkGenericRenderWindowInteractor;
class vtkRenderWindowInteractor;
class vtkObject;

namespace cardiolens::widgets {

/// Hosts a VTK render window inside a Qt 6 QOpenGLWidget (Debian's VTK Qt module is
/// built for Qt 5). VTK renders into its own framebuffer inside Qt's context; paintGL
/// blits the result into the widget's framebuffer. Mouse, wheel and key events are
/// forwarded to a VTK interactor in device pixels.
class VtkHostWidget : public QOpenGLWidget {
    Q_OBJECT
public:
    explicit VtkHostWidget(QWidget* parent = nullptr);
    ~VtkHostWidget() override;

    /// The format VTK needs (OpenGL 3.2 core, RGBA8, depth, no stencil, no multisampling).
    /// Must be made the default before the QApplication is created.
    static QSurfaceFormat defaultFormat();

    vtkGenericOpenGLRenderWindow* renderWindow() const;
    vtkRenderWindowInteractor* interactor() const;

    /// Number of completed VTK renders; lets tests wait for a real frame.
    int renderCount() const { return m_renderCount; }

protected:
    void initializeGL() override;
    void resizeGL(int w, int h) override;
    void paintGL() override;

    void mousePressEvent(QMouseEvent* e) override;
    void mouseReleaseEvent(QMouseEvent* e) override;
    void mouseMoveEvent(QMouseEvent* e) override;
    void mouseDoubleClickEvent(QMouseEvent* e) override;
    void wheelEvent(QWheelEvent* e) override;
    void keyPressEvent(QKeyEvent* e) override;
    void keyReleaseEvent(QKeyEvent* e) override;
    void enterEvent(QEnterEvent* e) override;
    void leaveEvent(QEvent* e) override;

private:
    void onVtkEvent(vtkObject* caller, unsigned long eventId, void* callData);
    void forwardPosition(const QPointF& pos, Qt::KeyboardModifiers mods);

    struct Private;
    Private* d;
    int m_renderCount = 0;
};

} // namespace cardiolens::widgets
