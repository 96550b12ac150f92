// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "Command.h"

#include <QList>

namespace verx::cli {

// A group of commands in "verx help", e.g. {"domain", "Domain Management"}.
struct CommandGroup
{
    QString keyword;
    QString title;
};

// The table of every command the CLI knows.
class CommandRegistry
{
public:
    void addGroup(const QString &keyword, const QString &title);
    void add(Command command);

    const Command *find(const QString &name) const;
    const CommandGroup *findGroup(const QString &keyword) const;
    const QList<CommandGroup> &groups() const { return m_groups; }
    QList<const Command *> commandsIn(const QString &groupKeyword) const;
    const QList<Command> &commands() const { return m_commands; }

private:
    QList<CommandGroup> m_groups;
    QList<Command> m_commands;
};

} // namespace verx::cli
