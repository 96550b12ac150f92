// SPDX-License-Identifier: GPL-2.0-or-later
// Storage pools: pool-list, pool-info.
#include "CliApplication.h"
#include "CommandContext.h"
#include "Lookup.h"
#include "Table.h"
#include "TextFormat.h"
#include "XdrText.h"

#include <verx/calls/RemoteCalls.h>

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

namespace verx::cli {

using namespace verx::remote;

namespace {

QString poolState(int state)
{
    static const QStringList names = {"inactive", "building", "running", "degraded",
                                      "inaccessible"};
    return state >= 0 && state < names.size() ? names.at(state) : QStringLiteral("unknown");
}

bool hasSizes(int state)
{
    return state == 2 || state == 3; // running, degraded
}

struct PoolFacts
{
    std::optional<StoragePoolGetInfoRet> info;
    std::optional<bool> active, persistent, autostart;
};

PoolFacts facts(CommandContext &ctx, const NonnullStoragePool &pool)
{
    PoolFacts f;
    StoragePoolGetInfoArgs i;
    i.pool = pool;
    f.info = ctx.wait(ctx.remote().storagePoolGetInfo(i));
    StoragePoolIsActiveArgs a;
    a.pool = pool;
    if (auto r = ctx.wait(ctx.remote().storagePoolIsActive(a)))
        f.active = r->active != 0;
    StoragePoolIsPersistentArgs p;
    p.pool = pool;
    if (auto r = ctx.wait(ctx.remote().storagePoolIsPersistent(p)))
        f.persistent = r->persistent != 0;
    StoragePoolGetAutostartArgs s;
    s.pool = pool;
    if (auto r = ctx.wait(ctx.remote().storagePoolGetAutostart(s)))
        f.autostart = r->autostart != 0;
    return f;
}

QJsonObject poolJson(const NonnullStoragePool &pool, const PoolFacts &f)
{
    QJsonObject o{{QStringLiteral("name"), XdrText::str(pool.name)},
                  {QStringLiteral("uuid"), XdrText::uuid(pool.uuid)},
                  {QStringLiteral("active"), f.active.value_or(false)},
                  {QStringLiteral("persistent"), f.persistent.value_or(false)},
                  {QStringLiteral("autostart"), f.autostart.value_or(false)}};
    if (f.info) {
        o.insert(QStringLiteral("state"), poolState(f.info->state));
        if (hasSizes(f.info->state)) {
            o.insert(QStringLiteral("capacity"), qint64(f.info->capacity));
            o.insert(QStringLiteral("allocation"), qint64(f.info->allocation));
            o.insert(QStringLiteral("available"), qint64(f.info->available));
        }
    }
    return o;
}

// --type TYPES as VIR_CONNECT_LIST_STORAGE_POOLS_* bits; nullopt after an error.
std::optional<unsigned> poolTypeFlags(CommandContext &ctx)
{
    static const std::pair<const char *, unsigned> types[] = {
        {"dir", 1u << 6},           {"fs", 1u << 7},        {"netfs", 1u << 8},
        {"logical", 1u << 9},       {"disk", 1u << 10},     {"iscsi", 1u << 11},
        {"iscsi-direct", 1u << 19}, {"scsi", 1u << 12},     {"mpath", 1u << 13},
        {"rbd", 1u << 14},          {"sheepdog", 1u << 15}, {"gluster", 1u << 16},
        {"zfs", 1u << 17},          {"vstorage", 1u << 18},
    };
    if (!ctx.options().has(QStringLiteral("type")))
        return 0u;
    const QString value = ctx.value(QStringLiteral("type"));
    if (value.isEmpty()) {
        ctx.error(QStringLiteral("Failed to get option 'type': Option argument is empty"));
        return std::nullopt;
    }
    unsigned flags = 0;
    for (const QString &t : TextFormat::commaList(value)) {
        const auto it = std::find_if(std::begin(types), std::end(types),
                                     [&](const auto &p) { return t == QLatin1String(p.first); });
        if (it == std::end(types)) {
            ctx.error(QStringLiteral("Invalid pool type '%1'").arg(t));
            return std::nullopt;
        }
        flags |= it->second;
    }
    return flags;
}

bool poolList(CommandContext &ctx)
{
    const bool details = ctx.flag(QStringLiteral("details"));
    for (const char *other : {"uuid", "name"}) {
        if (details && ctx.flag(QLatin1String(other))) {
            ctx.error(QStringLiteral("Options --details and --%1 are mutually exclusive")
                          .arg(QLatin1String(other)));
            return false;
        }
    }
    const auto typeFlags = poolTypeFlags(ctx);
    if (!typeFlags)
        return false;
    unsigned flags = 2; // active
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
    ConnectListAllStoragePoolsArgs args;
    args.need_results = 1;
    args.flags = flags | *typeFlags;
    const auto ret = ctx.wait(ctx.remote().connectListAllStoragePools(args));
    if (!ret) {
        ctx.error(QStringLiteral("Failed to list pools"));
        return false;
    }
    QList<NonnullStoragePool> pools(ret->pools.begin(), ret->pools.end());
    std::sort(
        pools.begin(), pools.end(), [](const NonnullStoragePool &a, const NonnullStoragePool &b) {
            return XdrText::str(a.name).compare(XdrText::str(b.name), Qt::CaseInsensitive) < 0;
        });
    // --json prints every field, whatever --name / --uuid ask for.
    if (!ctx.json() && (ctx.flag(QStringLiteral("name")) || ctx.flag(QStringLiteral("uuid")))) {
        for (const auto &p : pools) {
            QStringList parts;
            if (ctx.flag(QStringLiteral("uuid")))
                parts << XdrText::uuid(p.uuid);
            if (ctx.flag(QStringLiteral("name")))
                parts << XdrText::str(p.name);
            ctx.print(parts.join(QLatin1Char(' ')) + QLatin1Char('\n'));
        }
        return true;
    }
    QStringList header{QStringLiteral("Name"), QStringLiteral("State"),
                       QStringLiteral("Autostart")};
    if (details)
        header << QStringLiteral("Persistent") << QStringLiteral("Capacity")
               << QStringLiteral("Allocation") << QStringLiteral("Available");
    Table table(header);
    QJsonArray array;
    for (const auto &p : pools) {
        const PoolFacts f = facts(ctx, p);
        array.append(poolJson(p, f));
        const QString autostart =
            f.autostart ? TextFormat::yesNo(*f.autostart) : QStringLiteral("no autostart");
        if (!details) {
            table.addRow(
                {XdrText::str(p.name),
                 f.active.value_or(false) ? QStringLiteral("active") : QStringLiteral("inactive"),
                 autostart});
            continue;
        }
        QStringList row{
            XdrText::str(p.name), f.info ? poolState(f.info->state) : QStringLiteral("unknown"),
            autostart, f.persistent ? TextFormat::yesNo(*f.persistent) : QStringLiteral("unknown")};
        if (f.info && hasSizes(f.info->state))
            row << TextFormat::capacity(f.info->capacity)
                << TextFormat::capacity(f.info->allocation)
                << TextFormat::capacity(f.info->available);
        else
            row << QStringLiteral("-") << QStringLiteral("-") << QStringLiteral("-");
        table.addRow(row);
    }
    ctx.clearError();
    if (ctx.json())
        ctx.printJson(array);
    else
        ctx.print(table.toString(!ctx.quiet()));
    return true;
}

bool poolInfo(CommandContext &ctx)
{
    const auto pool = Lookup::pool(ctx, ctx.value(QStringLiteral("pool")));
    if (!pool)
        return false;
    const PoolFacts f = facts(ctx, *pool);
    if (!f.info)
        return false;
    ctx.clearError();
    if (ctx.json()) {
        ctx.printJson(poolJson(*pool, f));
        return true;
    }
    auto field = [&](const char *l, const QString &v) {
        ctx.print(TextFormat::field(QLatin1String(l), v));
    };
    field("Name:", XdrText::str(pool->name));
    field("UUID:", XdrText::uuid(pool->uuid));
    field("State:", poolState(f.info->state));
    if (f.persistent)
        field("Persistent:", TextFormat::yesNo(*f.persistent));
    else
        field("Persistent:", QStringLiteral("unknown"));
    field("Autostart:",
          f.autostart ? TextFormat::yesNo(*f.autostart) : QStringLiteral("no autostart"));
    if (hasSizes(f.info->state)) {
        const bool bytes = ctx.flag(QStringLiteral("bytes"));
        auto size = [bytes](quint64 value) {
            return bytes ? QString::number(value) : TextFormat::capacity(value);
        };
        field("Capacity:", size(f.info->capacity));
        field("Allocation:", size(f.info->allocation));
        field("Available:", size(f.info->available));
    }
    return true;
}

Command make(const char *name, const char *summary, const char *description,
             std::function<bool(CommandContext &)> run, QList<OptionSpec> options)
{
    Command c;
    c.name = QLatin1String(name);
    c.group = QStringLiteral("pool");
    c.summary = QLatin1String(summary);
    c.description = QLatin1String(description);
    c.options = std::move(options);
    c.run = std::move(run);
    return c;
}

} // namespace

void registerPoolCommands(CommandRegistry &r)
{
    const OptionSpec json = flagOption(QStringLiteral("json"),
                                       QStringLiteral("print the result as JSON (verx extension)"));
    auto flag = [](const char *n, const char *h) {
        return flagOption(QLatin1String(n), QLatin1String(h));
    };
    r.add(make("pool-info", "storage pool information",
               "Returns basic information about the storage pool.", poolInfo,
               {dataOption(QStringLiteral("pool"), QStringLiteral("pool name or uuid")),
                flagOption(QStringLiteral("bytes"), QStringLiteral("Return pool info in bytes")),
                json}));
    r.add(make(
        "pool-list", "list pools", "Returns list of pools.", poolList,
        {flag("inactive", "list inactive pools"), flag("all", "list inactive & active pools"),
         flag("transient", "list transient pools"), flag("persistent", "list persistent pools"),
         flag("autostart", "list pools with autostart enabled"),
         flag("no-autostart", "list pools with autostart disabled"),
         stringOption(QStringLiteral("type"),
                      QStringLiteral("only list pool of specified type(s) (if supported)")),
         flag("details", "display extended details for pools"),
         flag("uuid", "list UUID of active pools only"),
         flag("name", "list name of active pools only"), json}));
}

} // namespace verx::cli
