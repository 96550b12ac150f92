// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <verx/protocol/RemoteTypes.h>

#include <QString>

#include <optional>

namespace verx::cli {

class CommandContext;

// Finds objects the way virsh does (domains by id, uuid or name; networks and
// pools by uuid or name; volumes by name in a pool, key or path). On failure
// they print virsh's "failed to get ..." line.
namespace Lookup {

enum DomainBy { ById = 1, ByUuid = 2, ByName = 4, ByAny = 7 };

std::optional<verx::remote::NonnullDomain> domain(CommandContext &ctx, const QString &text,
                                                  int by = ByAny);
std::optional<verx::remote::NonnullNetwork> network(CommandContext &ctx, const QString &text);
std::optional<verx::remote::NonnullStoragePool> pool(CommandContext &ctx, const QString &text);
std::optional<verx::remote::NonnullStorageVol> volume(CommandContext &ctx, const QString &text,
                                                      const QString &poolText);

} // namespace Lookup

} // namespace verx::cli
