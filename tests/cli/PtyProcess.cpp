// SPDX-License-Identifier: GPL-2.0-or-later
#include "PtyProcess.h"

#include <QElapsedTimer>

#include <cstdlib>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace verx::test {

PtyProcess::~PtyProcess()
{
    if (m_pid > 0 && !m_exited) {
        kill(m_pid, SIGKILL);
        waitpid(m_pid, nullptr, 0);
    }
    if (m_master >= 0)
        close(m_master);
}

bool PtyProcess::start(const QString &program, const QStringList &arguments,
                       const QStringList &unset)
{
    std::vector<QByteArray> words{program.toLocal8Bit()};
    for (const QString &a : arguments)
        words.push_back(a.toLocal8Bit());
    std::vector<char *> argv;
    for (QByteArray &w : words)
        argv.push_back(w.data());
    argv.push_back(nullptr);
    std::vector<QByteArray> unsetNames;
    for (const QString &name : unset)
        unsetNames.push_back(name.toLocal8Bit());

    m_pid = forkpty(&m_master, nullptr, nullptr, nullptr);
    if (m_pid < 0)
        return false;
    if (m_pid == 0) {
        for (const QByteArray &name : unsetNames)
            unsetenv(name.constData());
        execv(argv.front(), argv.data());
        _exit(127);
    }
    return true;
}

bool PtyProcess::readSome(int timeoutMs)
{
    pollfd p{m_master, POLLIN, 0};
    if (poll(&p, 1, timeoutMs) <= 0)
        return true; // nothing yet
    char buf[4096];
    const ssize_t n = read(m_master, buf, sizeof buf);
    if (n <= 0)
        return false; // the program closed the terminal (EIO)
    m_seen.append(buf, n);
    return true;
}

bool PtyProcess::readUntil(const QByteArray &needle, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!m_seen.contains(needle) && t.elapsed() < timeoutMs) {
        if (!readSome(100))
            break;
    }
    return m_seen.contains(needle);
}

bool PtyProcess::write(const QByteArray &bytes)
{
    return ::write(m_master, bytes.constData(), size_t(bytes.size())) == bytes.size();
}

int PtyProcess::waitForExit(int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    int status = 0;
    pid_t done = 0;
    bool open = true;
    while ((done = waitpid(m_pid, &status, WNOHANG)) == 0 && t.elapsed() < timeoutMs) {
        if (open)
            open = readSome(100);
        else
            usleep(50000);
    }
    // What it printed just before exiting.
    while (open) {
        pollfd p{m_master, POLLIN, 0};
        if (poll(&p, 1, 0) <= 0)
            break;
        open = readSome(0);
    }
    if (done != m_pid) {
        kill(m_pid, SIGKILL);
        waitpid(m_pid, nullptr, 0);
        m_exited = true;
        return -1;
    }
    m_exited = true;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

} // namespace verx::test
