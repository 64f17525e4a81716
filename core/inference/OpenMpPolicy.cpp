#include "inference/OpenMpPolicy.h"

#include <cstdlib>
#include <unistd.h>

namespace cardiolens::inference {

void ensurePassiveOpenMp(char** argv) {
    if (std::getenv("OMP_WAIT_POLICY") != nullptr)
        return;
    ::setenv("OMP_WAIT_POLICY", "PASSIVE", 1);
    // Set before exec, so the new image sees it and never loops; on failure we carry on.
    ::execv("/proc/self/exe", argv);
}

} // namespace cardiolens::inference
