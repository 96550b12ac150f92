// SPDX-License-Identifier: GPL-2.0-or-later
#include "SavedConnection.h"

#include <QSettings>
#include <QUrl>

namespace verx::manager {

QString SavedConnection::displayName() const
{
    if (!name.isEmpty())
        return name;
    const QUrl url(uri);
    if (url.host().isEmpty())
        return uri;
    return QStringLiteral("%1 (%2)").arg(url.host(), url.scheme());
}

namespace ConnectionStore {

QList<SavedConnection> load()
{
    QSettings settings;
    QList<SavedConnection> result;
    const int n = settings.beginReadArray(QStringLiteral("connections"));
    for (int i = 0; i < n; ++i) {
        settings.setArrayIndex(i);
        SavedConnection c;
        c.uri = settings.value(QStringLiteral("uri")).toString();
        c.name = settings.value(QStringLiteral("name")).toString();
        c.autoconnect = settings.value(QStringLiteral("autoconnect"), false).toBool();
        c.rememberPassword = settings.value(QStringLiteral("rememberPassword"), false).toBool();
        c.user = settings.value(QStringLiteral("user")).toString();
        if (!c.uri.isEmpty())
            result.append(c);
    }
    settings.endArray();
    return result;
}

void save(const QList<SavedConnection> &connections)
{
    QSettings settings;
    settings.remove(QStringLiteral("connections"));
    settings.beginWriteArray(QStringLiteral("connections"), int(connections.size()));
    for (int i = 0; i < connections.size(); ++i) {
        settings.setArrayIndex(i);
        const SavedConnection &c = connections.at(i);
        settings.setValue(QStringLiteral("uri"), c.uri);
        settings.setValue(QStringLiteral("name"), c.name);
        settings.setValue(QStringLiteral("autoconnect"), c.autoconnect);
        settings.setValue(QStringLiteral("rememberPassword"), c.rememberPassword);
        if (!c.user.isEmpty())
            settings.setValue(QStringLiteral("user"), c.user);
    }
    settings.endArray();
}

} // namespace ConnectionStore
} // namespace verx::manager
