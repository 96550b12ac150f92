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
    CloseTab,
    IdCount
};

// The theme icon for \a id when the theme has one, otherwise the bundled
// SVG (resources/icons/actions, compiled in), so the GUI has every icon
// with no icon theme at all.
QIcon get(Id id);
// The freedesktop icon name asked of the theme, and the bundled fallback.
QString themeName(Id id);
QString fallbackFile(Id id);

} // namespace verx::manager::Icons
