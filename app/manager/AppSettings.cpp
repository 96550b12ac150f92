// SPDX-License-Identifier: GPL-2.0-or-later
#include "AppSettings.h"

#include <QFontDatabase>
#include <QSettings>

namespace verx::manager {

AppSettings AppSettings::load()
{
    QSettings s;
    s.beginGroup(QStringLiteral("preferences"));
    AppSettings a;
    a.statsIntervalSeconds =
        qBound(1, s.value(QStringLiteral("statsInterval"), a.statsIntervalSeconds).toInt(), 3600);
    a.consoleFont = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    const QString font = s.value(QStringLiteral("consoleFont")).toString();
    if (!font.isEmpty())
        a.consoleFont.fromString(font);
    a.consoleColorScheme =
        s.value(QStringLiteral("consoleColorScheme"), a.consoleColorScheme).toString();
    a.consoleScrollback = s.value(QStringLiteral("consoleScrollback"), a.consoleScrollback).toInt();
    a.screenshotRefreshSeconds = qBound(
        1, s.value(QStringLiteral("screenshotRefresh"), a.screenshotRefreshSeconds).toInt(), 3600);
    a.reconnect = s.value(QStringLiteral("reconnect"), a.reconnect).toBool();
    return a;
}

void AppSettings::save() const
{
    QSettings s;
    s.beginGroup(QStringLiteral("preferences"));
    s.setValue(QStringLiteral("statsInterval"), statsIntervalSeconds);
    s.setValue(QStringLiteral("consoleFont"), consoleFont.toString());
    s.setValue(QStringLiteral("consoleColorScheme"), consoleColorScheme);
    s.setValue(QStringLiteral("consoleScrollback"), consoleScrollback);
    s.setValue(QStringLiteral("screenshotRefresh"), screenshotRefreshSeconds);
    s.setValue(QStringLiteral("reconnect"), reconnect);
}

} // namespace verx::manager
