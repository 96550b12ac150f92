// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QList>
#include <QString>

#include <functional>

namespace verx::cli {

class CommandContext;

// One option of a command, described like virsh describes its options.
struct OptionSpec
{
    enum class Kind {
        Bool,   // --flag
        String, // --name <string>
        Number, // --name <number>
    };
    QString name;
    Kind kind = Kind::Bool;
    QString help;
    bool required = false;
    // May be given without its --name, filling the positional slots in order.
    bool positional = false;
    // A positional option taking every remaining word (virsh's ARGV options).
    bool argv = false;
    // Accepted positionally but documented as --name <value> (virsh's
    // "unwanted positional" options, e.g. screenshot's --file).
    bool undocumentedPositional = false;
};

// A command: its name, help texts, options and the code that runs it.
struct Command
{
    QString name;
    QString group;       // help keyword of its group, e.g. "domain"
    QString summary;     // one line, for "verx help"
    QString description; // for "verx help NAME"
    QList<OptionSpec> options;
    bool needsConnection = true;
    bool trailingBlankLine = true; // virsh prints an empty line after most commands
    std::function<bool(CommandContext &)> run;

    const OptionSpec *option(const QString &optionName) const
    {
        for (const OptionSpec &o : options)
            if (o.name == optionName)
                return &o;
        return nullptr;
    }
};

// Short-hands for the command tables.
inline OptionSpec flagOption(const QString &name, const QString &help)
{
    return {name, OptionSpec::Kind::Bool, help, false, false, false};
}
inline OptionSpec stringOption(const QString &name, const QString &help, bool required = false,
                               bool positional = false)
{
    return {name, OptionSpec::Kind::String, help, required, positional, false, positional};
}
inline OptionSpec numberOption(const QString &name, const QString &help)
{
    return {name, OptionSpec::Kind::Number, help, false, false, false};
}
// A positional argument (virsh's DATA options), e.g. <domain>.
inline OptionSpec dataOption(const QString &name, const QString &help, bool required = true)
{
    return {name, OptionSpec::Kind::String, help, required, true, false};
}
// Positional words to the end of the line, joined by spaces, e.g. <cmd>...
inline OptionSpec argvOption(const QString &name, const QString &help)
{
    return {name, OptionSpec::Kind::String, help, true, true, true};
}

} // namespace verx::cli
