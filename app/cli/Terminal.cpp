// SPDX-License-Identifier: GPL-2.0-or-later
#include "Terminal.h"

#include <QByteArray>

#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

static_assert(sizeof(termios) <= 128, "termios does not fit the saved buffer");

namespace verx::cli::Terminal {

bool isTerminal(int fd)
{
    return isatty(fd) == 1;
}

std::optional<QString> prompt(const QString &text, bool echo)
{
    int fd = open("/dev/tty", O_RDWR | O_CLOEXEC);
    const bool ownFd = fd >= 0;
    if (!ownFd)
        fd = STDIN_FILENO;
    const int outFd = ownFd ? fd : STDERR_FILENO;
    // Echo goes off before the prompt appears, so nothing typed after the
    // prompt is echoed or flushed away.
    termios saved{};
    const bool haveTty = tcgetattr(fd, &saved) == 0;
    if (haveTty && !echo) {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        quiet.c_lflag |= ECHONL;
        tcsetattr(fd, TCSAFLUSH, &quiet);
    }
    const QByteArray promptBytes = text.toUtf8();
    [[maybe_unused]] ssize_t w = write(outFd, promptBytes.constData(), promptBytes.size());
    QByteArray line;
    bool gotAny = false;
    char c = 0;
    while (read(fd, &c, 1) == 1) {
        gotAny = true;
        if (c == '\n')
            break;
        line.append(c);
    }
    if (haveTty && !echo)
        tcsetattr(fd, TCSANOW, &saved);
    if (ownFd)
        close(fd);
    if (!gotAny)
        return std::nullopt;
    if (line.endsWith('\r'))
        line.chop(1);
    return QString::fromUtf8(line);
}

RawMode::RawMode(int fd) : m_fd(fd)
{
    termios saved{};
    if (tcgetattr(fd, &saved) != 0)
        return;
    std::memcpy(m_saved, &saved, sizeof saved);
    termios raw = saved;
    cfmakeraw(&raw);
    if (tcsetattr(fd, TCSAFLUSH, &raw) == 0)
        m_active = true;
}

RawMode::~RawMode()
{
    if (!m_active)
        return;
    termios saved{};
    std::memcpy(&saved, m_saved, sizeof saved);
    tcsetattr(m_fd, TCSAFLUSH, &saved);
}

} // namespace verx::cli::Terminal
