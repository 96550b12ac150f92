// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "CommandRegistry.h"

namespace verx::cli {

// virsh-style help texts.
namespace HelpPrinter {

QString overview(const CommandRegistry &registry);
QString group(const CommandRegistry &registry, const CommandGroup &group);
QString command(const Command &command);
QString synopsis(const Command &command);
// The usage of the program itself (verx --help).
QString programUsage(const CommandRegistry &registry);

} // namespace HelpPrinter

} // namespace verx::cli
