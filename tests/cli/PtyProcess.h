// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QByteArray>
#include <QStringList>

#include <sys/types.h>

namespace verx::test {

// A program running on a pseudo terminal (its stdin, stdout and stderr),
// driven like a user at a keyboard. Every wait has a timeout.
class PtyProcess
{
public:
    PtyProcess() = default;
    ~PtyProcess();
    PtyProcess(const PtyProcess &) = delete;
    PtyProcess &operator=(const PtyProcess &) = delete;

    // Starts PROGRAM with ARGUMENTS; UNSET names variables removed from its
    // environment.
    bool start(const QString &program, const QStringList &arguments, const QStringList &unset = {});
    // Reads until everything seen so far contains NEEDLE; false on timeout or
    // when the program closed the terminal first.
    bool readUntil(const QByteArray &needle, int timeoutMs);
    bool write(const QByteArray &bytes);
    // Waits for the exit (reading what it prints meanwhile); its exit code,
    // or -1 when it did not exit in time (it is killed then) or crashed.
    int waitForExit(int timeoutMs);
    // Everything the program wrote to the terminal.
    QByteArray seen() const { return m_seen; }

private:
    bool readSome(int timeoutMs);

    pid_t m_pid = -1;
    int m_master = -1;
    bool m_exited = false;
    QByteArray m_seen;
};

} // namespace verx::test
