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
    // With rememberPassword: the user name last accepted by the server for
    // a user name prompt (SASL); not a secret, so kept here.
    QString user;

    QString displayName() const;
    friend bool operator==(const SavedConnection &, const SavedConnection &) = default;
};

namespace ConnectionStore {
QList<SavedConnection> load();
void save(const QList<SavedConnection> &connections);
} // namespace ConnectionStore

} // namespace verx::manager
