// SPDX-License-Identifier: GPL-2.0-or-later
#include "Icons.h"

#include <QHash>

namespace verx::manager::Icons {
namespace {

struct Entry
{
    const char *theme;    // freedesktop icon naming specification
    const char *fallback; // resources/icons/actions/<fallback>.svg
};

Entry entry(Id id)
{
    switch (id) {
    case App:
        return {"computer", "computer"};
    case StateRunning:
    case Start:
    case Resume:
        return {"media-playback-start", "start"};
    case StatePaused:
    case Pause:
        return {"media-playback-pause", "pause"};
    case StateShutoff:
        return {"media-playback-stop", "shutoff"};
    case ForceOff:
        return {"process-stop", "force-off"};
    case StateCrashed:
        return {"dialog-error", "crashed"};
    case Shutdown:
        return {"system-shutdown", "shutdown"};
    case Reboot:
        return {"system-reboot", "reboot"};
    case Save:
        return {"document-save", "save"};
    case Delete:
        return {"edit-delete", "delete"};
    case AddConnection:
        return {"list-add", "add"};
    case Connected:
        return {"network-connect", "connected"};
    case Disconnected:
        return {"network-disconnect", "disconnected"};
    case Connecting:
        return {"network-wireless-acquiring", "connecting"};
    case Refresh:
        return {"view-refresh", "refresh"};
    case Find:
        return {"edit-find", "find"};
    case Console:
        return {"utilities-terminal", "console"};
    case Screenshot:
        return {"camera-photo", "screenshot"};
    case CloseTab:
        return {"tab-close", "close-tab"};
    case IdCount:
        break;
    }
    return {"", ""};
}

} // namespace

QString themeName(Id id)
{
    return QString::fromLatin1(entry(id).theme);
}

QString fallbackFile(Id id)
{
    return QStringLiteral(":/icons/actions/%1.svg").arg(QLatin1StringView(entry(id).fallback));
}

QIcon get(Id id)
{
    // One QIcon per id: the table asks for state icons on every paint.
    static QHash<int, QIcon> cache;
    auto it = cache.constFind(id);
    if (it != cache.constEnd())
        return *it;
    const QIcon icon = QIcon::fromTheme(themeName(id), QIcon(fallbackFile(id)));
    cache.insert(id, icon);
    return icon;
}

} // namespace verx::manager::Icons
