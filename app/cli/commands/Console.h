// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <verx/protocol/RemoteTypes.h>

#include <QString>

namespace verx::cli {

class CommandContext;

// virsh's console session on a domain (console, create/start --console):
// its checks and messages, then the terminal until Ctrl+] or the end of the
// stream. flags: VIR_DOMAIN_CONSOLE_*; devname null: the first console.
bool runConsole(CommandContext &ctx, const verx::remote::NonnullDomain &domain,
                const QString &devname, unsigned flags, bool resume);

} // namespace verx::cli
