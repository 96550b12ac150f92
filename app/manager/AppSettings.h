// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QFont>
#include <QString>

namespace verx::manager {

// The user's preferences (QSettings group "preferences").
struct AppSettings
{
    int statsIntervalSeconds = 3; // one bulk statistics call per interval
    QFont consoleFont;
    QString consoleColorScheme = QStringLiteral("Linux");
    int consoleScrollback = 10000;
    int screenshotRefreshSeconds = 5;
    bool reconnect = true; // reconnect lost connections with backoff

    static AppSettings load();
    void save() const;
};

} // namespace verx::manager
