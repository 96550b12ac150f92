// SPDX-License-Identifier: GPL-2.0-or-later
#include "DomainStateNames.h"

#include <QStringList>

namespace verx::cli::DomainStateNames {

namespace {
QString pick(const QStringList &names, int index, const QString &fallback)
{
    return index >= 0 && index < names.size() ? names.at(index) : fallback;
}
} // namespace

QString state(int state)
{
    static const QStringList names = {"no state",    "running",  "idle",    "paused",
                                      "in shutdown", "shut off", "crashed", "pmsuspended"};
    return pick(names, state, QStringLiteral("no state"));
}

QString stateId(int state)
{
    static const QStringList names = {"nostate",  "running", "blocked", "paused",
                                      "shutdown", "shutoff", "crashed", "pmsuspended"};
    return pick(names, state, QStringLiteral("nostate"));
}

QString reason(int state, int reason)
{
    static const QList<QStringList> reasons = {
        {"unknown"},
        {"unknown", "booted", "migrated", "restored", "from snapshot", "unpaused",
         "migration canceled", "save canceled", "event wakeup", "crashed", "post-copy",
         "post-copy failed"},
        {"unknown"},
        {"unknown", "user", "migrating", "saving", "dumping", "I/O error", "watchdog",
         "from snapshot", "shutting down", "creating snapshot", "crashed", "starting up",
         "post-copy", "post-copy failed", "api error"},
        {"unknown", "user"},
        {"unknown", "shutdown", "destroyed", "crashed", "migrated", "saved", "failed",
         "from snapshot", "daemon"},
        {"unknown", "panicked"},
        {"unknown"},
    };
    if (state < 0 || state >= reasons.size())
        return QStringLiteral("unknown");
    return pick(reasons.at(state), reason, QStringLiteral("unknown"));
}

} // namespace verx::cli::DomainStateNames
