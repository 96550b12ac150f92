// SPDX-License-Identifier: GPL-2.0-or-later
// Networking: net-list, net-info, net-dumpxml.
#include "CliApplication.h"
#include "CommandContext.h"
#include "Lookup.h"
#include "Table.h"
#include "TextFormat.h"
#include "XdrText.h"
#include "XmlOutput.h"

#include <verx/calls/RemoteCalls.h>

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

namespace verx::cli {

using namespace verx::remote;

namespace {

struct NetworkFacts
{
    std::optional<bool> active, persistent, autostart;
};

NetworkFacts facts(CommandContext &ctx, const NonnullNetwork &net)
{
    NetworkFacts f;
    NetworkIsActiveArgs a;
    a.net = net;
    if (auto r = ctx.wait(ctx.remote().networkIsActive(a)))
        f.active = r->active != 0;
    NetworkIsPersistentArgs p;
    p.net = net;
    if (auto r = ctx.wait(ctx.remote().networkIsPersistent(p)))
        f.persistent = r->persistent != 0;
    NetworkGetAutostartArgs s;
    s.net = net;
    if (auto r = ctx.wait(ctx.remote().networkGetAutostart(s)))
        f.autostart = r->autostart != 0;
    return f;
}

QString yesNoUnknown(const std::optional<bool> &v)
{
    return v ? TextFormat::yesNo(*v) : QStringLiteral("unknown");
}

// The network's title ("" when it has none); nullopt after a failed call.
std::optional<QString> networkTitle(CommandContext &ctx, const NonnullNetwork &net)
{
    NetworkGetMetadataArgs md;
    md.network = net;
    md.type = 1; // VIR_NETWORK_METADATA_TITLE
    md.flags = 0;
    const auto title = ctx.wait(ctx.remote().networkGetMetadata(md));
    if (title)
        return XdrText::str(title->metadata);
    if (ctx.lastError().code() == 111) { // VIR_ERR_NO_NETWORK_METADATA
        ctx.clearError();
        return QString();
    }
    return std::nullopt;
}

bool netList(CommandContext &ctx)
{
    const bool table = ctx.flag(QStringLiteral("table"));
    const bool uuid = ctx.flag(QStringLiteral("uuid"));
    const bool name = ctx.flag(QStringLiteral("name"));
    if (int(table) + int(uuid) + int(name) > 1) {
        ctx.error(
            QStringLiteral("Only one argument from --table, --name and --uuid may be specified."));
        return false;
    }
    unsigned flags = 2; // active (VIR_CONNECT_LIST_NETWORKS_ACTIVE)
    if (ctx.flag(QStringLiteral("inactive")))
        flags = 1;
    if (ctx.flag(QStringLiteral("all")))
        flags = 3;
    if (ctx.flag(QStringLiteral("persistent")))
        flags |= 4;
    if (ctx.flag(QStringLiteral("transient")))
        flags |= 8;
    if (ctx.flag(QStringLiteral("autostart")))
        flags |= 16;
    if (ctx.flag(QStringLiteral("no-autostart")))
        flags |= 32;
    ConnectListAllNetworksArgs args;
    args.need_results = 1;
    args.flags = flags;
    const auto ret = ctx.wait(ctx.remote().connectListAllNetworks(args));
    if (!ret) {
        ctx.error(QStringLiteral("Failed to list networks"));
        return false;
    }
    QList<NonnullNetwork> nets(ret->nets.begin(), ret->nets.end());
    std::sort(nets.begin(), nets.end(), [](const NonnullNetwork &a, const NonnullNetwork &b) {
        return XdrText::str(a.name).compare(XdrText::str(b.name), Qt::CaseInsensitive) < 0;
    });
    // --json prints every field, whatever --name / --uuid ask for.
    if (!ctx.json() && (name || uuid)) {
        for (const NonnullNetwork &n : nets)
            ctx.print((uuid ? XdrText::uuid(n.uuid) : XdrText::str(n.name)) + QLatin1Char('\n'));
        return true;
    }
    const bool withTitle = ctx.flag(QStringLiteral("title"));
    QJsonArray array;
    QStringList header{QStringLiteral("Name"), QStringLiteral("State"), QStringLiteral("Autostart"),
                       QStringLiteral("Persistent")};
    if (withTitle)
        header << QStringLiteral("Title");
    Table out(header);
    for (const NonnullNetwork &n : nets) {
        const NetworkFacts f = facts(ctx, n);
        QJsonObject o{{QStringLiteral("name"), XdrText::str(n.name)},
                      {QStringLiteral("uuid"), XdrText::uuid(n.uuid)},
                      {QStringLiteral("active"), f.active.value_or(false)},
                      {QStringLiteral("autostart"), f.autostart.value_or(false)},
                      {QStringLiteral("persistent"), f.persistent.value_or(false)}};
        QStringList row{XdrText::str(n.name),
                        f.active
                            ? (*f.active ? QStringLiteral("active") : QStringLiteral("inactive"))
                            : QStringLiteral("unknown"),
                        yesNoUnknown(f.autostart), yesNoUnknown(f.persistent)};
        if (withTitle) {
            ctx.clearError();
            const auto title = networkTitle(ctx, n);
            if (!title)
                return false;
            o.insert(QStringLiteral("title"), *title);
            row << *title;
        }
        array.append(o);
        out.addRow(row);
    }
    ctx.clearError();
    if (ctx.json())
        ctx.printJson(array);
    else
        ctx.print(out.toString(!ctx.quiet()));
    return true;
}

bool netInfo(CommandContext &ctx)
{
    const auto net = Lookup::network(ctx, ctx.value(QStringLiteral("network")));
    if (!net)
        return false;
    const NetworkFacts f = facts(ctx, *net);
    NetworkGetBridgeNameArgs b;
    b.net = *net;
    const auto bridge = ctx.wait(ctx.remote().networkGetBridgeName(b));
    ctx.clearError();
    if (ctx.json()) {
        QJsonObject o{{QStringLiteral("name"), XdrText::str(net->name)},
                      {QStringLiteral("uuid"), XdrText::uuid(net->uuid)},
                      {QStringLiteral("active"), f.active.value_or(false)},
                      {QStringLiteral("persistent"), f.persistent.value_or(false)},
                      {QStringLiteral("autostart"), f.autostart.value_or(false)}};
        if (bridge)
            o.insert(QStringLiteral("bridge"), XdrText::str(bridge->name));
        ctx.printJson(o);
        return true;
    }
    auto field = [&](const char *l, const QString &v) {
        ctx.print(TextFormat::field(QLatin1String(l), v));
    };
    field("Name:", XdrText::str(net->name));
    field("UUID:", XdrText::uuid(net->uuid));
    field("Active:", yesNoUnknown(f.active));
    field("Persistent:", yesNoUnknown(f.persistent));
    field("Autostart:",
          f.autostart ? TextFormat::yesNo(*f.autostart) : QStringLiteral("no autostart"));
    if (bridge)
        field("Bridge:", XdrText::str(bridge->name));
    return true;
}

bool netDumpxml(CommandContext &ctx)
{
    const auto net = Lookup::network(ctx, ctx.value(QStringLiteral("network")));
    if (!net)
        return false;
    NetworkGetXmlDescArgs args;
    args.net = *net;
    args.flags = ctx.flag(QStringLiteral("inactive")) ? 1u : 0u;
    const auto ret = ctx.wait(ctx.remote().networkGetXmlDesc(args));
    if (!ret)
        return false;
    return XmlOutput::print(ctx, ret->xml);
}

Command make(const char *name, const char *summary, const char *description,
             std::function<bool(CommandContext &)> run, QList<OptionSpec> options)
{
    Command c;
    c.name = QLatin1String(name);
    c.group = QStringLiteral("network");
    c.summary = QLatin1String(summary);
    c.description = QLatin1String(description);
    c.options = std::move(options);
    c.run = std::move(run);
    return c;
}

} // namespace

void registerNetworkCommands(CommandRegistry &r)
{
    const OptionSpec json = flagOption(QStringLiteral("json"),
                                       QStringLiteral("print the result as JSON (verx extension)"));
    const OptionSpec network =
        dataOption(QStringLiteral("network"), QStringLiteral("network name or uuid"));
    r.add(make("net-dumpxml", "network information in XML",
               "Output the network information as an XML dump to stdout.", netDumpxml,
               {network,
                flagOption(QStringLiteral("inactive"), QStringLiteral("show inactive defined XML")),
                stringOption(QStringLiteral("xpath"),
                             QStringLiteral("xpath expression to filter the XML document")),
                flagOption(QStringLiteral("wrap"),
                           QStringLiteral("wrap xpath results in an common root element"))}));
    r.add(make("net-info", "network information", "Returns basic information about the network",
               netInfo, {network, json}));
    auto flag = [](const char *n, const char *h) {
        return flagOption(QLatin1String(n), QLatin1String(h));
    };
    r.add(make("net-list", "list networks", "Returns list of networks.", netList,
               {flag("inactive", "list inactive networks"),
                flag("all", "list inactive & active networks"),
                flag("persistent", "list persistent networks"),
                flag("transient", "list transient networks"),
                flag("autostart", "list networks with autostart enabled"),
                flag("no-autostart", "list networks with autostart disabled"),
                flag("uuid", "list uuid's only"), flag("name", "list network names only"),
                flag("table", "list table (default)"), flag("title", "show network title"), json}));
}

} // namespace verx::cli
