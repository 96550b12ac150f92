// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QIcon>
#include <QString>

namespace verx::manager {

// libvirt's virDomainState values and their presentation.
namespace DomainState {
enum Value : int {
    NoState = 0,
    Running = 1,
    Blocked = 2,
    Paused = 3,
    Shutdown = 4,
    Shutoff = 5,
    Crashed = 6,
    PmSuspended = 7,
};

QString text(int state);
QIcon icon(int state);
bool isActive(int state);

// The state a lifecycle event (virDomainEventType) leaves the domain in, or
// -1 when the event does not tell.
int stateAfterEvent(int event, int detail);
} // namespace DomainState

} // namespace verx::manager
