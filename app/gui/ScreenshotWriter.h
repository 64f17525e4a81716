#pragma once

#include <QString>

#include <functional>

class QWidget;

namespace cardiolens::app {

/// Waits until \a window is exposed, every VTK view in it has rendered and \a idle (if
/// given) says background work is done, then grabs it (child OpenGL widgets included) and
/// writes a PNG. Returns false on failure, with the reason in \a error.
bool writeScreenshotWhenReady(QWidget* window, const QString& pngPath, QString* error,
                              const std::function<bool()>& idle = {}, int timeoutMs = 30000);

} // namespace cardiolens::app
