// SPDX-License-Identifier: GPL-2.0-or-later
#include "OpenConnection.h"

#include <QSignalSpy>
#include <QTest>

namespace verx::test {

std::unique_ptr<Connection> openConnection(const QString &uri, Error *error,
                                           Connection::OpenFlags flags, int waitMs)
{
    auto conn = std::make_unique<Connection>();
    QSignalSpy opened(conn.get(), &Connection::opened);
    QSignalSpy disconnected(conn.get(), &Connection::disconnected);
    conn->open(uri, flags);
    const bool done =
        QTest::qWaitFor([&] { return !opened.isEmpty() || !disconnected.isEmpty(); }, waitMs);
    Error why;
    if (!disconnected.isEmpty())
        why = disconnected.first().first().value<Error>();
    else if (!done)
        why =
            Error::transport(Error::Timeout, QStringLiteral("opening %1 did not finish").arg(uri));
    if (why.isError())
        qWarning("open %s failed: %s", qPrintable(uri), qPrintable(why.message()));
    if (error)
        *error = why;
    return conn;
}

} // namespace verx::test
