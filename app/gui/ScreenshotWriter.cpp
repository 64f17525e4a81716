#include "gui/ScreenshotWriter.h"

#include "vtk/VtkHostWidget.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QPixmap>
#include <QThread>
#include <QWidget>
#include <QWindow>

namespace cardiolens::app {

namespace {
bool allViewsRendered(QWidget* window) {
    for (auto* view : window->findChildren<widgets::VtkHostWidget*>()) {
        if (view->isVisible() && view->renderCount() == 0)
            return false;
    }
    return true;
}
} // namespace

bool writeScreenshotWhenReady(QWidget* window, const QString& pngPath, QString* error,
                              const std::function<bool()>& idle, int timeoutMs) {
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        const bool exposed = window->windowHandle() && window->windowHandle()->isExposed();
        if (exposed && allViewsRendered(window) && (!idle || idle()))
            break;
        QThread::msleep(10);
    }
    // A few more turns of the event loop so late layout and repaints settle.
    for (int i = 0; i < 5; ++i)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);

    const QImage image = window->grab().toImage();
    if (image.isNull()) {
        *error = QStringLiteral("could not grab the window");
        return false;
    }
    const QFileInfo out(pngPath);
    if (!out.absoluteDir().exists() && !QDir().mkpath(out.absolutePath())) {
        *error = QStringLiteral("%1: cannot create folder").arg(out.absolutePath());
        return false;
    }
    if (!image.save(pngPath, "PNG")) {
        *error = QStringLiteral("%1: cannot write PNG").arg(pngPath);
        return false;
    }
    return true;
}

} // namespace cardiolens::app
