// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "CommandRegistry.h"

#include <QStringList>

namespace verx::cli {

// Parses verx's own options, then runs the commands like virsh does.
class CliApplication
{
public:
    CliApplication();
    // Returns the exit status.
    int run(const QStringList &arguments);

    const CommandRegistry &registry() const { return m_registry; }

private:
    CommandRegistry m_registry;
};

// The command tables, one per group (commands/*.cpp).
void registerHostCommands(CommandRegistry &registry);
void registerDomainCommands(CommandRegistry &registry);
void registerNetworkCommands(CommandRegistry &registry);
void registerPoolCommands(CommandRegistry &registry);
void registerVolumeCommands(CommandRegistry &registry);
void registerSnapshotCommands(CommandRegistry &registry);
void registerConsoleCommand(CommandRegistry &registry);
void registerEventCommand(CommandRegistry &registry);

} // namespace verx::cli
