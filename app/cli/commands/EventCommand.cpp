// SPDX-License-Identifier: GPL-2.0-or-later
#include "CliApplication.h"
namespace verx::cli {
void registerEventCommand(CommandRegistry &) {}
}
