// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "Command.h"
#include "ParsedOptions.h"

#include <QStringList>

namespace verx::cli {

// Parses one command's arguments the way virsh does: "--name value",
// "--name=value", bare words filling the positional options in order.
class OptionParser
{
public:
    explicit OptionParser(const Command &command) : m_command(command) {}

    // False on a syntax error; errorString() then holds virsh's message
    // (without the "error: " prefix).
    bool parse(const QStringList &arguments);
    const ParsedOptions &options() const { return m_options; }
    QString errorString() const { return m_error; }
    bool helpRequested() const { return m_help; }

private:
    bool fail(const QString &message);

    const Command &m_command;
    ParsedOptions m_options;
    QString m_error;
    bool m_help = false;
};

} // namespace verx::cli
