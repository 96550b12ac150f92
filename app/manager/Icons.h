// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QIcon>

namespace verx::manager::Icons {

enum Id {
    App,
    StateRunning,
    StatePaused,
    StateShutoff,
    StateCrashed,
    Start,
    Pause,
    Resume,
    Shutdown,
    Reboot,
    ForceOff,
    Save,
    Delete,
    AddConnection,
    Connected,
    Disconnected,
    Connecting,
    Refresh,
    Find,
    Console,
    Screenshot,
};

// The theme icon for \a id when the theme has one, otherwise a bundled
// painted fallback, so the GUI looks the same with no icon theme at all.
QIcon get(Id id);

} // namespace verx::manager::Icons
