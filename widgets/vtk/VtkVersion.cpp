#include "vtk/VtkVersion.h"

#include <vtkVersion.h>

namespace cardiolens::widgets {
QString vtkVersionString() {
    return QString::fromLatin1(vtkVersion::GetVTKVersion());
}
} // namespace cardiolens::widgets
