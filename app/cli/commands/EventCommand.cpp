// SPDX-License-Identifier: GPL-2.0-or-later
// event: wait for domain events and print them like virsh.
#include "CliApplication.h"
#include "CommandContext.h"
#include "InterruptWatcher.h"
#include "Lookup.h"
#include "TypedParams.h"
#include "XdrText.h"

#include <verx/Connection.h>
#include <verx/protocol/RemoteTypes.h>

#include <QDateTime>
#include <QEventLoop>
#include <QJsonObject>
#include <QStringList>
#include <QTimer>

namespace verx::cli {

namespace {

// VIR_DOMAIN_EVENT_ID_* in order, with virsh's names.
const QStringList kEventNames = {
    "lifecycle",
    "reboot",
    "rtc-change",
    "watchdog",
    "io-error",
    "graphics",
    "io-error-reason",
    "control-error",
    "block-job",
    "disk-change",
    "tray-change",
    "pm-wakeup",
    "pm-suspend",
    "balloon-change",
    "pm-suspend-disk",
    "device-removed",
    "block-job-2",
    "tunable",
    "agent-lifecycle",
    "device-added",
    "migration-iteration",
    "job-completed",
    "device-removal-failed",
    "metadata-change",
    "block-threshold",
    "memory-failure",
    "memory-device-size-change",
    "nic-mac-change",
};

QString lifecycleText(int event, int detail)
{
    static const QStringList events = {"Defined",   "Undefined",   "Started",
                                       "Suspended", "Resumed",     "Stopped",
                                       "Shutdown",  "PMSuspended", "Crashed"};
    static const QList<QStringList> details = {
        {"Added", "Updated", "Renamed", "Snapshot"},
        {"Removed", "Renamed"},
        {"Booted", "Migrated", "Restored", "Snapshot", "Event wakeup", "Recreation"},
        {"Paused", "Migrated", "I/O Error", "Watchdog", "Restored", "Snapshot", "API error",
         "Post-copy", "Post-copy Error"},
        {"Unpaused", "Migrated", "Snapshot", "Post-copy", "Post-copy Error"},
        {"Shutdown", "Destroyed", "Crashed", "Migrated", "Saved", "Failed", "Snapshot",
         "Recreation"},
        {"Finished", "Finished after guest request", "Finished after host request"},
        {"Memory", "Disk"},
        {"Panicked", "Crashloaded"},
    };
    const QString e =
        event >= 0 && event < events.size() ? events.at(event) : QStringLiteral("unknown");
    QString d = QStringLiteral("unknown");
    if (event >= 0 && event < details.size() && detail >= 0 && detail < details.at(event).size())
        d = details.at(event).at(detail);
    return e + QLatin1Char(' ') + d;
}

QString enumText(const QStringList &names, int value, const QString &fallback)
{
    return value >= 0 && value < names.size() ? names.at(value) : fallback;
}

const QString kUnknown = QStringLiteral("unknown");
const QString kUnsupported = QStringLiteral("unsupported value");

template <class Params> QString paramLines(const Params &params)
{
    QString text;
    for (const auto &p : params)
        text += QStringLiteral("\t%1: %2\n")
                    .arg(XdrText::str(p.field), TypedParams::toEventText(p.value));
    return text;
}

// What virsh prints for an event other than lifecycle (with --all: every
// id), from "event 'NAME' for domain 'D'" to the end, newline included.
// Empty when the message does not decode.
QString eventText(const verx::DomainEvent &e, const QString &name)
{
    using namespace verx::remote;
    const QString head = QStringLiteral("event '%1' for domain '%2'").arg(name, e.domain.name);
    const QString generic = head + QLatin1Char('\n');
    auto s = [](const auto &bytes) { return XdrText::str(bytes); };
    auto nullStr = [](const std::optional<QByteArray> &bytes) {
        return bytes ? XdrText::str(*bytes) : QStringLiteral("<null>");
    };
    switch (e.eventId) {
    case 1:  // reboot
    case 7:  // control-error
    case 11: // pm-wakeup
    case 12: // pm-suspend
    case 14: // pm-suspend-disk
        return generic;
    case 2: {
        DomainEventCallbackRtcChangeMsg m;
        if (!e.decodeMessage(m))
            return {};
        return head + QStringLiteral(": %1\n").arg(m.msg.offset);
    }
    case 3: {
        DomainEventCallbackWatchdogMsg m;
        if (!e.decodeMessage(m))
            return {};
        static const QStringList actions = {"none",     "pause", "reset",     "poweroff",
                                            "shutdown", "debug", "inject-nmi"};
        return head + QStringLiteral(": %1\n").arg(enumText(actions, m.msg.action, kUnknown));
    }
    case 4: {
        DomainEventCallbackIoErrorMsg m;
        if (!e.decodeMessage(m))
            return {};
        static const QStringList actions = {"none", "pause", "report"};
        return head + QStringLiteral(": %1 (%2) %3\n")
                          .arg(s(m.msg.srcPath), s(m.msg.devAlias),
                               enumText(actions, m.msg.action, kUnknown));
    }
    case 6: {
        // virsh prints io-error-reason events as 'io-error' with the reason.
        DomainEventCallbackIoErrorReasonMsg m;
        if (!e.decodeMessage(m))
            return {};
        static const QStringList actions = {"none", "pause", "report"};
        return QStringLiteral("event 'io-error' for domain '%1': %2 (%3) %4 due to %5\n")
            .arg(e.domain.name, s(m.msg.srcPath), s(m.msg.devAlias),
                 enumText(actions, m.msg.action, kUnknown), s(m.msg.reason));
    }
    case 5: {
        DomainEventCallbackGraphicsMsg m;
        if (!e.decodeMessage(m))
            return {};
        static const QStringList phases = {"connect", "initialize", "disconnect"};
        static const QStringList families = {"IPv4", "IPv6", "unix"};
        QString text =
            head + QStringLiteral(": %1 local[%2 %3 %4] remote[%5 %6 %7] %8\n")
                       .arg(enumText(phases, m.msg.phase, kUnknown),
                            enumText(families, m.msg.local.family, kUnknown), s(m.msg.local.node),
                            s(m.msg.local.service),
                            enumText(families, m.msg.remote.family, kUnknown), s(m.msg.remote.node),
                            s(m.msg.remote.service), s(m.msg.authScheme));
        for (const auto &id : m.msg.subject)
            text += QStringLiteral("\t%1=%2\n").arg(s(id.type), s(id.name));
        return text;
    }
    case 8:
    case 16: {
        static const QStringList types = {"Unknown job",  "Block Pull",          "Block Copy",
                                          "Block Commit", "Active Block Commit", "Backup"};
        static const QStringList states = {"completed", "failed", "canceled", "ready"};
        QString disk;
        int type = 0, status = 0;
        if (e.eventId == 8) {
            DomainEventCallbackBlockJobMsg m;
            if (!e.decodeMessage(m))
                return {};
            disk = s(m.msg.path);
            type = m.msg.type;
            status = m.msg.status;
        } else {
            DomainEventBlockJob2Msg m;
            if (!e.decodeMessage(m))
                return {};
            disk = s(m.dst);
            type = m.type;
            status = m.status;
        }
        return head + QStringLiteral(": %1 for %2 %3\n")
                          .arg(enumText(types, type, QStringLiteral("Unknown job")), disk,
                               enumText(states, status, kUnknown));
    }
    case 9: {
        DomainEventCallbackDiskChangeMsg m;
        if (!e.decodeMessage(m))
            return {};
        static const QStringList reasons = {"changed", "dropped"};
        return QStringLiteral("event 'disk-change' for domain '%1' disk %2: %3 -> %4: %5\n")
            .arg(e.domain.name, s(m.msg.devAlias), nullStr(m.msg.oldSrcPath),
                 nullStr(m.msg.newSrcPath), enumText(reasons, m.msg.reason, kUnknown));
    }
    case 10: {
        DomainEventCallbackTrayChangeMsg m;
        if (!e.decodeMessage(m))
            return {};
        static const QStringList reasons = {"opened", "closed"};
        return QStringLiteral("event 'tray-change' for domain '%1' disk %2: %3\n")
            .arg(e.domain.name, s(m.msg.devAlias), enumText(reasons, m.msg.reason, kUnknown));
    }
    case 13: {
        DomainEventCallbackBalloonChangeMsg m;
        if (!e.decodeMessage(m))
            return {};
        return head + QStringLiteral(": %1KiB\n").arg(m.msg.actual);
    }
    case 15: {
        DomainEventCallbackDeviceRemovedMsg m;
        if (!e.decodeMessage(m))
            return {};
        return head + QStringLiteral(": %1\n").arg(s(m.msg.devAlias));
    }
    case 17: {
        DomainEventCallbackTunableMsg m;
        if (!e.decodeMessage(m))
            return {};
        return head + QStringLiteral(":\n") + paramLines(m.params);
    }
    case 18: {
        DomainEventCallbackAgentLifecycleMsg m;
        if (!e.decodeMessage(m))
            return {};
        static const QStringList states = {"unknown", "connected", "disconnected"};
        static const QStringList reasons = {"unknown", "domain started", "channel event"};
        return head + QStringLiteral(": state: '%1' reason: '%2'\n")
                          .arg(enumText(states, m.state, kUnsupported),
                               enumText(reasons, m.reason, kUnsupported));
    }
    case 19: {
        DomainEventCallbackDeviceAddedMsg m;
        if (!e.decodeMessage(m))
            return {};
        return head + QStringLiteral(": %1\n").arg(s(m.devAlias));
    }
    case 20: {
        DomainEventCallbackMigrationIterationMsg m;
        if (!e.decodeMessage(m))
            return {};
        return head + QStringLiteral(": iteration: '%1'\n").arg(m.iteration);
    }
    case 21: {
        DomainEventCallbackJobCompletedMsg m;
        if (!e.decodeMessage(m))
            return {};
        return head + QStringLiteral(":\n") + paramLines(m.params);
    }
    case 22: {
        DomainEventCallbackDeviceRemovalFailedMsg m;
        if (!e.decodeMessage(m))
            return {};
        return head + QStringLiteral(": %1\n").arg(s(m.devAlias));
    }
    case 23: {
        DomainEventCallbackMetadataChangeMsg m;
        if (!e.decodeMessage(m))
            return {};
        static const QStringList types = {"description", "title", "element"};
        return head + QStringLiteral(": type %1, uri %2\n")
                          .arg(enumText(types, m.type, kUnsupported), nullStr(m.nsuri));
    }
    case 24: {
        DomainEventBlockThresholdMsg m;
        if (!e.decodeMessage(m))
            return {};
        return head + QStringLiteral(": dev: %1(%2) %3 %4\n")
                          .arg(s(m.dev), nullStr(m.path))
                          .arg(m.threshold)
                          .arg(m.excess);
    }
    case 25: {
        DomainEventMemoryFailureMsg m;
        if (!e.decodeMessage(m))
            return {};
        static const QStringList recipients = {"hypervisor", "guest"};
        static const QStringList actions = {"ignore", "inject", "fatal", "reset"};
        return head +
               QStringLiteral(":\nrecipient: %1\naction: %2\n")
                   .arg(enumText(recipients, m.recipient, kUnsupported),
                        enumText(actions, m.action, kUnsupported)) +
               QStringLiteral("flags:\n\taction required: %1\n\trecursive: %2\n")
                   .arg((m.flags & 1u) ? 1 : 0)
                   .arg((m.flags & 2u) ? 1 : 0);
    }
    case 26: {
        DomainEventMemoryDeviceSizeChangeMsg m;
        if (!e.decodeMessage(m))
            return {};
        return head + QStringLiteral(":\nalias: %1\nsize: %2\n").arg(s(m.alias)).arg(m.size);
    }
    case 27: {
        DomainEventNicMacChangeMsg m;
        if (!e.decodeMessage(m))
            return {};
        return head + QStringLiteral(":\nalias: %1\noldMAC: %2\nnewMAC: %3\n")
                          .arg(s(m.alias), s(m.oldMAC), s(m.newMAC));
    }
    default:
        return generic;
    }
}

QString timestampNow()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    return now.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")) + QStringLiteral("+0000");
}

bool event(CommandContext &ctx)
{
    // virsh's exclusive options, checked in its order.
    for (const auto &[a, b] : {std::pair{"all", "event"}, {"list", "all"}, {"list", "event"}}) {
        auto given = [&](const char *name) {
            return ctx.flag(QLatin1String(name)) || ctx.options().has(QLatin1String(name));
        };
        if (given(a) && given(b)) {
            ctx.error(QStringLiteral("Options --%1 and --%2 are mutually exclusive")
                          .arg(QLatin1String(a), QLatin1String(b)));
            return false;
        }
    }
    if (ctx.flag(QStringLiteral("list"))) {
        for (const QString &name : kEventNames)
            ctx.print(name + QLatin1Char('\n'));
        return true;
    }
    const bool all = ctx.flag(QStringLiteral("all"));
    const QString eventName = ctx.value(QStringLiteral("event"));
    if (!all && eventName.isEmpty()) {
        ctx.error(QStringLiteral("one of --list, --all, or --event <type> is required"));
        return false;
    }
    QList<int> ids;
    if (all) {
        for (int i = 0; i < kEventNames.size(); ++i)
            ids.append(i);
    } else {
        const int id = kEventNames.indexOf(eventName);
        if (id < 0) {
            ctx.error(QStringLiteral("unknown event type %1").arg(eventName));
            return false;
        }
        ids.append(id);
    }
    std::optional<verx::DomainRef> only;
    if (ctx.options().has(QStringLiteral("domain"))) {
        const auto dom = Lookup::domain(ctx, ctx.value(QStringLiteral("domain")));
        if (!dom)
            return false;
        verx::DomainRef ref;
        ref.name = XdrText::str(dom->name);
        ref.id = dom->id;
        for (const auto b : dom->uuid)
            ref.uuid.append(char(b));
        only = ref;
    }
    bool ok = true;
    const auto timeout = ctx.options().number(QStringLiteral("timeout"), &ok);
    const bool loopForever = ctx.flag(QStringLiteral("loop"));
    const bool timestamp = ctx.flag(QStringLiteral("timestamp"));

    verx::Connection *conn = ctx.connection();
    QEventLoop loop;
    int count = 0;
    bool timedOut = false;
    bool died = false;
    QList<int> callbackIds;
    QObject::connect(conn, &verx::Connection::domainEvent, &loop, [&](const verx::DomainEvent &e) {
        if (!callbackIds.contains(e.callbackId))
            return;
        if (!loopForever && count > 0)
            return;
        QString text;
        const QString name =
            e.eventId >= 0 && e.eventId < kEventNames.size() ? kEventNames.at(e.eventId) : e.name;
        if (ctx.json()) {
            QJsonObject o{{QStringLiteral("event"), name},
                          {QStringLiteral("domain"), e.domain.name},
                          {QStringLiteral("time"), timestampNow()}};
            if (e.eventId == 0) {
                o.insert(QStringLiteral("type"), e.event);
                o.insert(QStringLiteral("detail"), e.detail);
                o.insert(QStringLiteral("text"), lifecycleText(e.event, e.detail));
            }
            ctx.printJson(o);
        } else {
            if (e.eventId == 0)
                text = QStringLiteral("event 'lifecycle' for domain '%1': %2\n")
                           .arg(e.domain.name, lifecycleText(e.event, e.detail));
            else
                text = eventText(e, name);
            if (text.isEmpty())
                return;
            if (timestamp)
                text.prepend(timestampNow() + QStringLiteral(": "));
            ctx.print(text);
        }
        ++count;
        if (!loopForever)
            loop.quit();
    });
    QObject::connect(conn, &verx::Connection::disconnected, &loop, [&](const verx::Error &) {
        died = true;
        loop.quit();
    });
    for (int id : ids) {
        verx::EventRegistration *reg = conn->registerDomainEvent(id, only);
        if (!ctx.wait(static_cast<verx::Reply *>(reg))) {
            // Event types the server does not know are skipped with --all.
            if (!all)
                return false;
            ctx.clearError();
            continue;
        }
        callbackIds.append(reg->callbackId());
    }
    QTimer timer;
    if (timeout && *timeout > 0) {
        timer.setSingleShot(true);
        QObject::connect(&timer, &QTimer::timeout, &loop, [&] {
            timedOut = true;
            loop.quit();
        });
        timer.start(int(*timeout * 1000));
    }
    bool interrupted = false;
    {
        const InterruptWatcher ctrlC([&] {
            interrupted = true;
            loop.quit();
        });
        loop.exec();
    }
    if (died) {
        // As virsh: the count, then the failure of deregistering on the dead
        // connection (libvirt's client-side message).
        ctx.print(QStringLiteral("events received: %1\n").arg(count));
        ctx.setError(verx::Error::transport(
            verx::Error::NotConnected, QStringLiteral("internal error: client socket is closed")));
        return false;
    }
    for (int id : callbackIds)
        ctx.wait(static_cast<verx::Reply *>(conn->deregisterDomainEvent(id)));
    ctx.clearError();
    if (interrupted)
        ctx.print(QStringLiteral("event loop interrupted\n"));
    else if (timedOut)
        ctx.print(QStringLiteral("event loop timed out\n"));
    ctx.print(QStringLiteral("events received: %1\n").arg(count));
    // As virsh: success when at least one event arrived (with --loop, a
    // timeout after some events is still a success).
    return count > 0;
}

} // namespace

void registerEventCommand(CommandRegistry &r)
{
    Command c;
    c.name = QStringLiteral("event");
    c.group = QStringLiteral("domain");
    c.summary = QStringLiteral("Domain Events");
    c.description = QStringLiteral("List event types, or wait for domain events to occur");
    c.options = {
        stringOption(QStringLiteral("domain"), QStringLiteral("filter by domain name, id or uuid")),
        stringOption(QStringLiteral("event"), QStringLiteral("which event type to wait for")),
        flagOption(QStringLiteral("all"),
                   QStringLiteral("wait for all events instead of just one type")),
        flagOption(QStringLiteral("loop"),
                   QStringLiteral("loop until timeout or interrupt, rather than one-shot")),
        numberOption(QStringLiteral("timeout"), QStringLiteral("timeout seconds")),
        flagOption(QStringLiteral("list"), QStringLiteral("list valid event types")),
        flagOption(QStringLiteral("timestamp"),
                   QStringLiteral("show timestamp for each printed event")),
        flagOption(QStringLiteral("json"),
                   QStringLiteral("print each event as a JSON object (verx extension)")),
    };
    c.run = event;
    r.add(c);
}

} // namespace verx::cli
