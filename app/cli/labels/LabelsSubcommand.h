#pragma once

#include "cli/CliCommand.h"

#include <vector>

namespace cardiolens::cli {

/// `cardiolens-cli labels SUBCOMMAND ...`: each subcommand is one self-registering file
/// (registerLabelsSubcommand at static-initialisation time), like the top-level commands.
bool registerLabelsSubcommand(CliCommand command);
const std::vector<CliCommand>& labelsSubcommands();

} // namespace cardiolens::cli
