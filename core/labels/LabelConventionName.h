#pragma once

#include "imaging/LabelConvention.h"

#include <optional>

namespace cardiolens::labels {

/// The convention named \a name (internal, acdc, mnms, camus, echonet; any case).
std::optional<imaging::LabelConvention> labelConventionFromName(const QString& name);

} // namespace cardiolens::labels
