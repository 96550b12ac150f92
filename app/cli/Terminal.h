// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QString>

#include <optional>

namespace verx::cli {

// The controlling terminal: prompts and raw mode.
namespace Terminal {

bool isTerminal(int fd);
// Prompts on /dev/tty (stderr when there is none) and reads a line;
// echo false hides the input. nullopt at end of input.
std::optional<QString> prompt(const QString &text, bool echo);

// Puts a terminal in raw mode for its lifetime (the console).
class RawMode
{
public:
    explicit RawMode(int fd);
    ~RawMode();
    RawMode(const RawMode &) = delete;
    RawMode &operator=(const RawMode &) = delete;
    bool isActive() const { return m_active; }

private:
    int m_fd;
    bool m_active = false;
    unsigned char m_saved[128] = {};
};

} // namespace Terminal

} // namespace verx::cli
