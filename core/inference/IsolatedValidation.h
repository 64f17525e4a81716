#pragma once

#include "common/Result.h"
#include "inference/ModelRegistry.h"

#include <QString>

namespace cardiolens::inference {

/// A model's test forward run in a child process with an address-space limit and a
/// timeout: a model that loops for ever, or whose output asks for gigabytes, is refused
/// instead of hanging or exhausting the application that adds it. The child is
/// cardiolens-cli ("models --validate-one MANIFEST"), which calls ModelRegistry::validate.
class IsolatedValidation {
public:
    /// cardiolens-cli beside the running executable (or $CARDIOLENS_CLI); empty if none.
    static QString helper();
    /// Seconds the test forward may take: $CARDIOLENS_MODEL_VALIDATION_TIMEOUT_S, else 120.
    static int timeoutSeconds();
    /// Address space for the child: the memory budget plus 2 GB for libtorch and Qt.
    static std::uint64_t memoryBytes();

    /// Validates \a manifest in a child of \a helper; validates in process when \a helper is
    /// empty (a test, or a build without the CLI).
    static Result<ValidationReport> run(const ModelManifest& manifest,
                                        const QString& helper = IsolatedValidation::helper());
};

} // namespace cardiolens::inference
