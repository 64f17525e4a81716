#pragma once

namespace cardiolens::imaging {
/// Version of the ITK library linked into the imaging core, e.g. "5.2.1".
const char* itkVersionString();
} // namespace cardiolens::imaging
