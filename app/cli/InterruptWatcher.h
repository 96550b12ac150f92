// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <functional>
#include <memory>

#include <signal.h>

class QSocketNotifier;

namespace verx::cli {

// While it lives, SIGINT (Ctrl+C) calls onInterrupt on the event loop instead
// of killing the program; the previous handler comes back afterwards.
class InterruptWatcher
{
public:
    explicit InterruptWatcher(std::function<void()> onInterrupt);
    ~InterruptWatcher();
    InterruptWatcher(const InterruptWatcher &) = delete;
    InterruptWatcher &operator=(const InterruptWatcher &) = delete;

private:
    int m_pipe[2] = {-1, -1};
    struct sigaction m_previous
    {
    };
    bool m_installed = false;
    std::unique_ptr<QSocketNotifier> m_notifier;
};

} // namespace verx::cli
