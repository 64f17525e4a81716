#pragma once

#include <QString>

class QWidget;

namespace cardiolens::app {

/// Waits until \a window is exposed and every VTK view in it has rendered, then grabs
/// it (child OpenGL widgets included) and writes a PNG. Returns false on failure, with
/// the reason in \a error.
bool writeScreenshotWhenReady(QWidget* window, const QString& pngPath, QString* error,
                              int timeoutMs = 20000);

} // namespace cardiolens::app
