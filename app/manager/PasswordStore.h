// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QObject>
#include <QStringList>

#include <functional>

namespace verx::manager {

// Secrets the user asked us to remember, in the desktop keyring through
// QtKeychain (never in the plain configuration). Asynchronous.
namespace PasswordStore {

// Key for a connection's credential: "<uri>#<prompt kind>".
QString keyFor(const QString &uri, const QString &what);
// Calls done(secret) (empty when none or on error) in context's thread.
void read(const QString &key, QObject *context, std::function<void(const QString &)> done);
// Stores secret under key; the key's name (never the secret) is noted in
// the settings so that forgetting a connection can remove its secrets.
void write(const QString &key, const QString &secret);
void remove(const QString &key);
// The note of written keys (names only; write() and remove() keep it).
void noteKey(const QString &key);
void forgetKey(const QString &key);
// The keys written for uri (from the note).
QStringList keysFor(const QString &uri);
// Removes every secret written for uri (when its connection is removed).
void removeAllFor(const QString &uri);

} // namespace PasswordStore
} // namespace verx::manager
