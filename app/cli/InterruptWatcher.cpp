// SPDX-License-Identifier: GPL-2.0-or-later
#include "InterruptWatcher.h"

#include <QSocketNotifier>

#include <fcntl.h>
#include <unistd.h>

namespace verx::cli {

namespace {

volatile sig_atomic_t g_writeFd = -1;

void onSignal(int)
{
    const int fd = g_writeFd;
    if (fd >= 0) {
        const char byte = 1;
        [[maybe_unused]] const ssize_t n = write(fd, &byte, 1);
    }
}

} // namespace

InterruptWatcher::InterruptWatcher(std::function<void()> onInterrupt)
{
    if (pipe2(m_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
        return;
    m_notifier = std::make_unique<QSocketNotifier>(m_pipe[0], QSocketNotifier::Read);
    QObject::connect(m_notifier.get(), &QSocketNotifier::activated, m_notifier.get(),
                     [this, onInterrupt = std::move(onInterrupt)] {
                         char buf[16];
                         while (read(m_pipe[0], buf, sizeof buf) > 0) {
                         }
                         onInterrupt();
                     });
    g_writeFd = m_pipe[1];
    struct sigaction action
    {
    };
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    m_installed = sigaction(SIGINT, &action, &m_previous) == 0;
}

InterruptWatcher::~InterruptWatcher()
{
    if (m_installed)
        sigaction(SIGINT, &m_previous, nullptr);
    g_writeFd = -1;
    m_notifier.reset();
    for (int fd : m_pipe)
        if (fd >= 0)
            close(fd);
}

} // namespace verx::cli
