// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <verx/protocol/RemoteTypes.h>

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace verx::cli {

class CommandContext;

// The storage volumes of a domain's disks that undefine --storage or
// --remove-all-storage removes, found as virsh finds them.
class UndefineVolumes
{
public:
    struct Volume
    {
        verx::remote::NonnullStorageVol vol;
        QString target, source;
    };

    // The disks' volumes; only those whose target or source is in selected
    // unless selectAll. Disks without a libvirt volume get virsh's error
    // line and are left out; nullopt after a failed call or when a selected
    // name is no disk of the domain (errors printed).
    static std::optional<QList<Volume>> collect(CommandContext &ctx,
                                                const verx::remote::NonnullDomain &dom,
                                                const QStringList &selected, bool selectAll);
    // Wipes (if asked) and deletes them, printing virsh's progress lines;
    // false when one failed.
    static bool remove(CommandContext &ctx, const QList<Volume> &volumes, bool wipe,
                       bool withSnapshots);
};

} // namespace verx::cli
