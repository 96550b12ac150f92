// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QObject>

#include <functional>

namespace verx::manager {

// Secrets the user asked us to remember, in the desktop keyring through
// QtKeychain (never in the plain configuration). Asynchronous.
namespace PasswordStore {

// Key for a connection's credential: "<uri>#<prompt kind>".
QString keyFor(const QString &uri, const QString &what);
// Calls done(secret) (empty when none or on error) in context's thread.
void read(const QString &key, QObject *context, std::function<void(const QString &)> done);
void write(const QString &key, const QString &secret);
void remove(const QString &key);

} // namespace PasswordStore
} // namespace verx::manager
