#pragma once

#include "cli/CliCommand.h"

namespace cardiolens::cli {
/// `info [--json] FILE...`: a JSON array describing each file that is recognised.
CliCommand infoCommand();
} // namespace cardiolens::cli
