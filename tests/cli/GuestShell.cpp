// SPDX-License-Identifier: GPL-2.0-or-later
#include "GuestShell.h"

#include <QElapsedTimer>
#include <QThread>

namespace verx::test {

bool GuestShell::connectTo(const QString &path, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (true) {
        m_socket.connectToServer(path);
        if (m_socket.waitForConnected(2000))
            return true;
        m_socket.abort();
        if (t.elapsed() >= timeoutMs)
            return false;
        QThread::msleep(200);
    }
}

bool GuestShell::readUntil(const QByteArray &needle, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!m_seen.contains(needle)) {
        if (m_socket.state() != QLocalSocket::ConnectedState || t.elapsed() >= timeoutMs)
            return false;
        m_socket.waitForReadyRead(200);
        m_seen += m_socket.readAll();
    }
    return true;
}

bool GuestShell::waitReady(int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeoutMs) {
        if (run(QByteArray(), 3000))
            return true;
        if (m_socket.state() != QLocalSocket::ConnectedState)
            return false;
    }
    return false;
}

bool GuestShell::run(const QByteArray &command, int timeoutMs)
{
    // The shell echoes the input line: its answer is a number the input
    // only has as a sum.
    const int n = 1000 + 2 * ++m_count;
    const QByteArray prefix = command.isEmpty() ? QByteArray() : command + "\n";
    m_socket.write(prefix + "echo VERX-DONE-$((" + QByteArray::number(n) + "+1))\n");
    m_socket.flush();
    return readUntil("VERX-DONE-" + QByteArray::number(n + 1), timeoutMs);
}

} // namespace verx::test
