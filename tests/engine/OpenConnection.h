// SPDX-License-Identifier: GPL-2.0-or-later
// Opening a verx::Connection in tests against the fixture.
#pragma once

#include <verx/Connection.h>

#include <memory>

namespace verx::test {

// Opens uri and waits (at most waitMs) for opened() or disconnected(); the
// connection is open unless *error (when given) says why not.
std::unique_ptr<Connection> openConnection(const QString &uri, Error *error = nullptr,
                                           Connection::OpenFlags flags = Connection::NoFlags,
                                           int waitMs = 30000);

} // namespace verx::test
