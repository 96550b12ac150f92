// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QList>
#include <QString>

namespace verx::manager {

// A connection the user keeps across runs (QSettings group "connections").
// Passwords never go here: see PasswordStore.
struct SavedConnection
{
    QString uri;
    QString name; // shown in the side tree; empty: derived from the URI
    bool autoconnect = false;
    bool rememberPassword = false;

    QString displayName() const;
    friend bool operator==(const SavedConnection &, const SavedConnection &) = default;
};

namespace ConnectionStore {
QList<SavedConnection> load();
void save(const QList<SavedConnection> &connections);
} // namespace ConnectionStore

} // namespace verx::manager
