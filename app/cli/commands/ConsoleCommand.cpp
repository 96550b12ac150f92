// SPDX-License-Identifier: GPL-2.0-or-later
// console: the guest's serial console on the terminal; Ctrl+] leaves.
#include "Console.h"

#include "CliApplication.h"
#include "CommandContext.h"
#include "Lookup.h"
#include "Session.h"
#include "Terminal.h"
#include "XdrText.h"

#include <verx/Connection.h>
#include <verx/Stream.h>
#include <verx/calls/RemoteCalls.h>

#include <QEventLoop>
#include <QSocketNotifier>

#include <cstdio>
#include <unistd.h>

namespace verx::cli {

namespace {
constexpr char kEscape = 0x1d; // Ctrl+]
} // namespace

bool runConsole(CommandContext &ctx, const verx::remote::NonnullDomain &domain,
                const QString &devname, unsigned flags, bool resume)
{
    const auto *dom = &domain;
    // virsh's checks, in virsh's order, before the console is opened.
    verx::remote::DomainGetStateArgs stateArgs;
    stateArgs.dom = *dom;
    stateArgs.flags = 0;
    const auto state = ctx.wait(ctx.remote().domainGetState(stateArgs));
    if (!state) {
        ctx.error(QStringLiteral("Unable to get domain status"));
        return false;
    }
    if (state->state == 5) { // VIR_DOMAIN_SHUTOFF
        ctx.error(QStringLiteral("The domain is not running"));
        return false;
    }
    if (!Terminal::isTerminal(STDIN_FILENO)) {
        ctx.error(QStringLiteral("Cannot run interactive console without a controlling TTY"));
        return false;
    }
    verx::Stream stream;
    verx::remote::DomainOpenConsoleArgs args;
    args.dom = *dom;
    if (!devname.isNull())
        args.dev_name = XdrText::bytes(devname);
    args.flags = flags;
    if (!ctx.wait(ctx.remote().domainOpenConsole(args, &stream)))
        return false;
    if (resume) {
        verx::remote::DomainResumeArgs r;
        r.dom = *dom;
        ctx.wait(ctx.remote().domainResume(r));
        ctx.clearError();
    }
    ctx.printExtra(QStringLiteral("Connected to domain '%1'\nEscape character is ^] (Ctrl + ])\n")
                       .arg(XdrText::str(dom->name)));

    Terminal::RawMode raw(STDIN_FILENO);
    QEventLoop loop;
    bool failed = false;
    QSocketNotifier input(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&input, &QSocketNotifier::activated, &loop, [&] {
        char buffer[4096];
        const ssize_t n = read(STDIN_FILENO, buffer, sizeof buffer);
        if (n <= 0) {
            input.setEnabled(false);
            loop.quit();
            return;
        }
        const QByteArray data(buffer, n);
        const qsizetype escape = data.indexOf(kEscape);
        if (escape >= 0) {
            if (escape > 0)
                stream.write(data.left(escape));
            loop.quit();
            return;
        }
        stream.write(data);
    });
    auto drain = [&] {
        const QByteArray data = stream.readAll();
        if (!data.isEmpty()) {
            fwrite(data.constData(), 1, data.size(), stdout);
            fflush(stdout);
        }
        if (stream.atEnd() && stream.isEndOfData())
            loop.quit();
    };
    QObject::connect(&stream, &QIODevice::readyRead, &loop, drain);
    QObject::connect(&stream, &QIODevice::readChannelFinished, &loop, drain);
    QObject::connect(&stream, &verx::Stream::finished, &loop, [&] {
        if (stream.error().isError()) {
            failed = true;
            ctx.setError(stream.error());
        }
        loop.quit();
    });
    drain();
    if (!stream.isFinished())
        loop.exec();
    input.setEnabled(false);
    QObject::disconnect(&stream, nullptr, &loop, nullptr);
    if (!stream.isFinished())
        stream.abort();
    return !failed;
}

namespace {

bool console(CommandContext &ctx)
{
    const auto dom = Lookup::domain(ctx, ctx.value(QStringLiteral("domain")));
    if (!dom)
        return false;
    const QString devname = ctx.options().has(QStringLiteral("devname"))
                                ? ctx.value(QStringLiteral("devname"))
                                : QString();
    return runConsole(ctx, *dom, devname,
                      (ctx.flag(QStringLiteral("force")) ? 1u : 0u) |
                          (ctx.flag(QStringLiteral("safe")) ? 2u : 0u),
                      ctx.flag(QStringLiteral("resume")));
}

} // namespace

void registerConsoleCommand(CommandRegistry &r)
{
    Command c;
    c.name = QStringLiteral("console");
    c.group = QStringLiteral("domain");
    c.summary = QStringLiteral("connect to the guest console");
    c.description = QStringLiteral("Connect the virtual serial console for the guest");
    c.options = {
        dataOption(QStringLiteral("domain"), QStringLiteral("domain name, id or uuid")),
        stringOption(QStringLiteral("devname"), QStringLiteral("character device name")),
        flagOption(
            QStringLiteral("force"),
            QStringLiteral("force console connection (disconnect already connected sessions)")),
        flagOption(QStringLiteral("resume"),
                   QStringLiteral("resume a paused guest after connecting to console")),
        flagOption(QStringLiteral("safe"),
                   QStringLiteral("only connect if safe console handling is supported")),
    };
    c.run = console;
    r.add(c);
}

} // namespace verx::cli
