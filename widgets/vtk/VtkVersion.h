#pragma once

#include <QString>

namespace cardiolens::widgets {
/// Version of the VTK library the widgets run with.
QString vtkVersionString();
} // namespace cardiolens::widgets
