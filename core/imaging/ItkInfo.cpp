#include "imaging/ItkInfo.h"

#include <itkVersion.h>

namespace cardiolens::imaging {
const char* itkVersionString() {
    return itk::Version::GetITKVersion();
}
} // namespace cardiolens::imaging
