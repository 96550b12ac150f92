// SPDX-License-Identifier: GPL-2.0-or-later
#include "HelpPrinter.h"

namespace verx::cli::HelpPrinter {

namespace {

QString typeWord(const OptionSpec &o)
{
    return o.kind == OptionSpec::Kind::Number ? QStringLiteral("<number>")
                                              : QStringLiteral("<string>");
}

QString commandLine(const Command *c)
{
    return QStringLiteral("    %1 %2\n").arg(c->name, -30).arg(c->summary);
}

} // namespace

QString synopsis(const Command &command)
{
    QString s = command.name;
    for (const OptionSpec &o : command.options) {
        QString part;
        if (o.kind == OptionSpec::Kind::Bool)
            part = QStringLiteral("--") + o.name;
        else if (o.positional && !o.undocumentedPositional)
            part = QLatin1Char('<') + o.name + QLatin1Char('>');
        else
            part = QStringLiteral("--%1 %2").arg(o.name, typeWord(o));
        if (!o.required || o.kind == OptionSpec::Kind::Bool)
            part = QLatin1Char('[') + part + QLatin1Char(']');
        if (o.argv)
            part += QStringLiteral("..."); // virsh: "<cmd>...", "[<domain>]..."
        s += QLatin1Char(' ') + part;
    }
    return s;
}

QString command(const Command &command)
{
    QString s;
    s += QStringLiteral("  NAME\n    %1 - %2\n\n").arg(command.name, command.summary);
    s += QStringLiteral("  SYNOPSIS\n    %1\n\n").arg(synopsis(command));
    if (!command.description.isEmpty())
        s += QStringLiteral("  DESCRIPTION\n    %1\n\n").arg(command.description);
    if (!command.options.isEmpty()) {
        s += QStringLiteral("  OPTIONS\n");
        for (const OptionSpec &o : command.options) {
            QString left;
            if (o.kind == OptionSpec::Kind::Bool)
                left = QStringLiteral("--") + o.name;
            else if (o.positional && !o.undocumentedPositional)
                left = QStringLiteral("[--%1] %2").arg(o.name, typeWord(o));
            else
                left = QStringLiteral("--%1 %2").arg(o.name, typeWord(o));
            if (o.argv)
                left += QStringLiteral("...");
            s += QStringLiteral("    %1  %2\n").arg(left, -15).arg(o.help);
        }
        s += QLatin1Char('\n');
    }
    return s;
}

QString group(const CommandRegistry &registry, const CommandGroup &group)
{
    QString s = QStringLiteral(" %1 (help keyword '%2'):\n").arg(group.title, group.keyword);
    for (const Command *c : registry.commandsIn(group.keyword))
        s += commandLine(c);
    s += QLatin1Char('\n');
    return s;
}

QString overview(const CommandRegistry &registry)
{
    QString s = QStringLiteral("Grouped commands:\n\n");
    for (const CommandGroup &g : registry.groups())
        s += group(registry, g);
    // The commands that accept --json, from their option tables.
    QStringList withJson;
    for (const CommandGroup &g : registry.groups())
        for (const Command *c : registry.commandsIn(g.keyword))
            if (c->option(QStringLiteral("json")))
                withJson << c->name;
    withJson.sort();
    s += QStringLiteral(" Output formats (verx extension):\n"
                        "    --json makes a command print one JSON document instead of virsh's\n"
                        "    text. Accepted by:\n");
    QString line = QStringLiteral("   ");
    for (const QString &name : std::as_const(withJson)) {
        if (line.size() + 1 + name.size() > 78) {
            s += line + QLatin1Char('\n');
            line = QStringLiteral("   ");
        }
        line += QLatin1Char(' ') + name;
    }
    s += line + QStringLiteral("\n\n");
    return s;
}

QString programUsage(const CommandRegistry &registry)
{
    QString s =
        QStringLiteral("\n"
                       "verx [options]... [<command_string>]\n"
                       "verx [options]... <command> [args...]\n"
                       "\n"
                       "  options:\n"
                       "    -c | --connect=URI      hypervisor connection URI\n"
                       "    -h | --help             this help\n"
                       "    -k | --keepalive-interval=NUM\n"
                       "                            keepalive interval in seconds, 0 for disable\n"
                       "    -K | --keepalive-count=NUM\n"
                       "                            number of possible missed keepalive messages\n"
                       "    -q | --quiet            quiet mode\n"
                       "    -r | --readonly         connect readonly\n"
                       "    -t | --timing           print timing information\n"
                       "    -v | --version          program version\n"
                       "         --timeout=SECONDS  give up connecting or on a call after SECONDS\n"
                       "                            (default 20 s to connect, 60 s per call;\n"
                       "                            a verx extension)\n"
                       "\n"
                       "  commands (non interactive mode):\n\n");
    for (const CommandGroup &g : registry.groups()) {
        s += QStringLiteral(" %1 (help keyword '%2')\n").arg(g.title, g.keyword);
        for (const Command *c : registry.commandsIn(g.keyword))
            s += commandLine(c);
        s += QLatin1Char('\n');
    }
    s += QStringLiteral("  (specify help <group> for details about the commands in the group)\n\n"
                        "  (specify help <command> for details about the command)\n\n"
                        "  (listing and info commands accept --json, a verx extension:\n"
                        "   specify help for the list of them)\n\n");
    return s;
}

} // namespace verx::cli::HelpPrinter
