#pragma once

#include <QStringList>

namespace cardiolens::app {
/// What the --demo start opens: a bundled ECG record and a cine MRI slice (20 phases).
QStringList demoSampleFiles();
} // namespace cardiolens::app
