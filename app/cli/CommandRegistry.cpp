// SPDX-License-Identifier: GPL-2.0-or-later
#include "CommandRegistry.h"

namespace verx::cli {

void CommandRegistry::addGroup(const QString &keyword, const QString &title)
{
    m_groups.append({keyword, title});
}

void CommandRegistry::add(Command command)
{
    m_commands.append(std::move(command));
}

const Command *CommandRegistry::find(const QString &name) const
{
    for (const Command &c : m_commands)
        if (c.name == name)
            return &c;
    return nullptr;
}

const CommandGroup *CommandRegistry::findGroup(const QString &keyword) const
{
    for (const CommandGroup &g : m_groups)
        if (g.keyword == keyword)
            return &g;
    return nullptr;
}

QList<const Command *> CommandRegistry::commandsIn(const QString &groupKeyword) const
{
    QList<const Command *> result;
    for (const Command &c : m_commands)
        if (c.group == groupKeyword)
            result.append(&c);
    return result;
}

} // namespace verx::cli
