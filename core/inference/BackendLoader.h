#pragma once

#include "common/Result.h"
#include "inference/ModelBackend.h"

namespace cardiolens::inference {

/// Finds and loads the torch plugin once per process (thread-safe). The first call pays
/// the plugin's load time (libtorch is large); later calls return the same backend.
class BackendLoader {
public:
    static Result<ModelBackend*> torch();
};

} // namespace cardiolens::inference
