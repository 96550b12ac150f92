// SPDX-License-Identifier: GPL-2.0-or-later
#include "DomainState.h"

#include "Icons.h"

#include <QCoreApplication>

namespace verx::manager::DomainState {

QString text(int state)
{
    switch (state) {
    case Running:
        return QCoreApplication::translate("DomainState", "Running");
    case Blocked:
        return QCoreApplication::translate("DomainState", "Blocked");
    case Paused:
        return QCoreApplication::translate("DomainState", "Paused");
    case Shutdown:
        return QCoreApplication::translate("DomainState", "Shutting down");
    case Shutoff:
        return QCoreApplication::translate("DomainState", "Shut off");
    case Crashed:
        return QCoreApplication::translate("DomainState", "Crashed");
    case PmSuspended:
        return QCoreApplication::translate("DomainState", "Suspended");
    default:
        return QCoreApplication::translate("DomainState", "Unknown");
    }
}

QIcon icon(int state)
{
    switch (state) {
    case Running:
    case Blocked:
        return Icons::get(Icons::StateRunning);
    case Paused:
    case PmSuspended:
        return Icons::get(Icons::StatePaused);
    case Crashed:
        return Icons::get(Icons::StateCrashed);
    default:
        return Icons::get(Icons::StateShutoff);
    }
}

bool isActive(int state)
{
    return state != Shutoff && state != NoState && state != Crashed;
}

int stateAfterEvent(int event, int detail)
{
    // virDomainEventType: DEFINED 0, UNDEFINED 1, STARTED 2, SUSPENDED 3,
    // RESUMED 4, STOPPED 5, SHUTDOWN 6, PMSUSPENDED 7, CRASHED 8.
    switch (event) {
    case 2:
    case 4:
        return Running;
    case 3:
        return Paused;
    case 5:
        return Shutoff;
    case 6:
        // SHUTDOWN_FINISHED 0: the guest finished; the domain stops next.
        return detail == 0 ? Shutdown : -1;
    case 7:
        return PmSuspended;
    case 8:
        return Crashed;
    default:
        return -1;
    }
}

} // namespace verx::manager::DomainState
