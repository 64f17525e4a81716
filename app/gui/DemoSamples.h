#pragma once

#include <QStringList>

namespace cardiolens::app {
/// Files the --demo start opens: one bundled ECG record and one MRI slice.
QStringList demoSampleFiles();
} // namespace cardiolens::app
