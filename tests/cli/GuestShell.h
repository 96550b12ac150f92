// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QByteArray>
#include <QLocalSocket>
#include <QString>

namespace verx::test {

// A busybox shell on a QEMU guest's serial port, reached through the unix
// socket QEMU listens on (<serial type='unix'><source mode='bind'/>). What
// the guest prints while nobody is connected is lost. Every wait has a
// timeout.
class GuestShell
{
public:
    // Connects to the socket at PATH (retrying while QEMU has not made it yet).
    bool connectTo(const QString &path, int timeoutMs);
    // Until the shell answers an echo (it boots meanwhile), or timeoutMs.
    bool waitReady(int timeoutMs);
    // Runs COMMAND and waits for the shell to come back after it.
    bool run(const QByteArray &command, int timeoutMs);
    // Everything read so far (console output, echoed input, kernel messages).
    QByteArray seen() const { return m_seen; }

private:
    bool readUntil(const QByteArray &needle, int timeoutMs);

    QLocalSocket m_socket;
    QByteArray m_seen;
    int m_count = 0;
};

} // namespace verx::test
