// SPDX-License-Identifier: GPL-2.0-or-later
#include "CliApplication.h"

#include "CommandContext.h"
#include "CommandLine.h"
#include "GlobalOptions.h"
#include "HelpPrinter.h"
#include "OptionParser.h"
#include "Session.h"

#include <verx/Connection.h>

#include <QElapsedTimer>

namespace verx::cli {

namespace {

struct ParsedCommand
{
    const Command *command = nullptr;
    OptionParser parser;
};

void helpCommand(CommandRegistry &registry)
{
    Command c;
    c.name = QStringLiteral("help");
    c.group = QStringLiteral("virsh");
    c.summary = QStringLiteral("print help");
    c.description = QStringLiteral(
        "Prints global help, command specific help, or help for a\n    group of related commands");
    c.options = {dataOption(QStringLiteral("command"),
                            QStringLiteral("Prints global help, command "
                                           "specific help, or help for "
                                           "a group of related commands"),
                            false)};
    c.needsConnection = false;
    c.run = [&registry](CommandContext &ctx) {
        const QString what = ctx.value(QStringLiteral("command"));
        if (what.isEmpty()) {
            ctx.print(HelpPrinter::overview(registry));
            return true;
        }
        if (const Command *cmd = registry.find(what)) {
            // The blank line after every command ends the text (as in virsh).
            ctx.print(HelpPrinter::command(*cmd).chopped(1));
            return true;
        }
        if (const CommandGroup *group = registry.findGroup(what)) {
            ctx.print(HelpPrinter::group(registry, *group));
            return true;
        }
        ctx.error(QStringLiteral("command or command group '%1' doesn't exist").arg(what));
        return false;
    };
    registry.add(c);
}

} // namespace

CliApplication::CliApplication()
{
    m_registry.addGroup(QStringLiteral("domain"), QStringLiteral("Domain Management"));
    m_registry.addGroup(QStringLiteral("monitor"), QStringLiteral("Domain Monitoring"));
    m_registry.addGroup(QStringLiteral("host"), QStringLiteral("Host and Hypervisor"));
    m_registry.addGroup(QStringLiteral("network"), QStringLiteral("Networking"));
    m_registry.addGroup(QStringLiteral("pool"), QStringLiteral("Storage Pool"));
    m_registry.addGroup(QStringLiteral("volume"), QStringLiteral("Storage Volume"));
    m_registry.addGroup(QStringLiteral("snapshot"), QStringLiteral("Snapshot"));
    m_registry.addGroup(QStringLiteral("virsh"), QStringLiteral("Virsh itself"));
    registerDomainCommands(m_registry);
    registerConsoleCommand(m_registry);
    registerEventCommand(m_registry);
    registerHostCommands(m_registry);
    registerNetworkCommands(m_registry);
    registerPoolCommands(m_registry);
    registerVolumeCommands(m_registry);
    registerSnapshotCommands(m_registry);
    helpCommand(m_registry);
}

int CliApplication::run(const QStringList &arguments)
{
    const GlobalOptions global = GlobalOptions::parse(arguments);
    if (!global.error.isEmpty()) {
        Session::writeErr(QStringLiteral("error: %1\n").arg(global.error));
        return 1;
    }
    if (global.help) {
        Session::writeOut(HelpPrinter::programUsage(m_registry));
        return 0;
    }
    if (global.version) {
        Session::writeOut(QStringLiteral(VERX_CLI_VERSION "\n"));
        return 0;
    }
    Session::Options options;
    options.uri = global.uri.value_or(
        qEnvironmentVariable("VERX_DEFAULT_URI", qEnvironmentVariable("LIBVIRT_DEFAULT_URI")));
    options.readOnly = global.readOnly;
    options.quiet = global.quiet;
    if (global.keepaliveInterval)
        options.keepaliveInterval = *global.keepaliveInterval;
    if (global.keepaliveCount)
        options.keepaliveCount = *global.keepaliveCount;
    if (global.timeoutSeconds) {
        // Bounds both the connection set-up and every call.
        options.callTimeoutMs = *global.timeoutSeconds * 1000;
        options.connectTimeoutMs = *global.timeoutSeconds * 1000;
    }
    const qsizetype i = global.commandIndex;

    QList<QStringList> commandWords;
    const QStringList rest = arguments.mid(i);
    if (rest.size() == 1) {
        QString error;
        if (!CommandLine::splitString(rest.first(), &commandWords, &error)) {
            Session::writeErr(QStringLiteral("error: %1\n").arg(error));
            return 1;
        }
    } else {
        commandWords = CommandLine::splitArguments(rest);
    }
    if (commandWords.isEmpty()) {
        Session::writeOut(HelpPrinter::programUsage(m_registry));
        return 0;
    }

    // Parse everything first: a syntax error runs nothing (as in virsh).
    std::vector<std::unique_ptr<ParsedCommand>> parsed;
    for (const QStringList &words : commandWords) {
        const Command *command = m_registry.find(words.first());
        if (!command) {
            Session::writeErr(QStringLiteral("error: unknown command: '%1'\n").arg(words.first()));
            return 1;
        }
        auto pc =
            std::unique_ptr<ParsedCommand>(new ParsedCommand{command, OptionParser(*command)});
        if (!pc->parser.parse(words.mid(1))) {
            Session::writeErr(QStringLiteral("error: %1\n").arg(pc->parser.errorString()));
            return 1;
        }
        parsed.push_back(std::move(pc));
    }

    Session session(options);
    bool ok = true;
    for (const auto &pc : parsed) {
        const Command &command = *pc->command;
        if (pc->parser.helpRequested()) {
            Session::writeOut(HelpPrinter::command(command));
            ok = true;
            continue;
        }
        if (command.needsConnection && !session.connection()) {
            verx::Error error;
            if (!session.connect(&error)) {
                Session::writeErr(QStringLiteral("error: failed to connect to the hypervisor\n"));
                Session::writeErr(QStringLiteral("error: %1\n").arg(error.message()));
                return 1;
            }
        }
        CommandContext ctx(session, command, pc->parser.options());
        QElapsedTimer clock;
        clock.start();
        ok = command.run(ctx);
        const qint64 elapsedNs = clock.nsecsElapsed();
        if (!ok && ctx.lastError().isError())
            Session::writeErr(QStringLiteral("error: %1\n").arg(ctx.lastError().message()));
        if (global.timing)
            Session::writeOut(
                QString::asprintf("\n(Time: %.3f ms)\n\n", double(elapsedNs) / 1000000.0));
        else if (!options.quiet && command.trailingBlankLine)
            Session::writeOut(QStringLiteral("\n"));
        if (session.connection() && !session.connection()->isOpen() && command.needsConnection) {
            // The connection died: the next command reconnects.
            session.close();
        }
    }
    session.close();
    return ok ? 0 : 1;
}

} // namespace verx::cli
