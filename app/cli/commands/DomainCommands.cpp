// SPDX-License-Identifier: GPL-2.0-or-later
// Domain management and monitoring: list, dominfo, domstate, domid, domname,
// domuuid, dumpxml, define, undefine, create, start, shutdown, reboot,
// reset, destroy, suspend, resume, managedsave, autostart, domstats,
// screenshot, qemu-monitor-command.
#include "CliApplication.h"
#include "CommandContext.h"
#include "Console.h"
#include "DomainStateNames.h"
#include "JobWatch.h"
#include "Lookup.h"
#include "Session.h"
#include "StreamTransfer.h"
#include "Table.h"
#include "TextFormat.h"
#include "TypedParams.h"
#include "UndefineVolumes.h"
#include "XdrText.h"
#include "XmlOutput.h"

#include <verx/Stream.h>
#include <verx/calls/QemuCalls.h>
#include <verx/calls/RemoteCalls.h>

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <climits>

namespace verx::cli {

using namespace verx::remote;

namespace {

const QString kJsonHelp = QStringLiteral("print the result as JSON (verx extension)");
const QString kDomainHelp = QStringLiteral("domain name, id or uuid");

OptionSpec domainOption()
{
    return dataOption(QStringLiteral("domain"), kDomainHelp);
}

QString domainText(CommandContext &ctx)
{
    return ctx.value(QStringLiteral("domain"));
}

std::optional<NonnullDomain> domainArg(CommandContext &ctx, int by = Lookup::ByAny)
{
    return Lookup::domain(ctx, domainText(ctx), by);
}

std::optional<DomainGetStateRet> domainState(CommandContext &ctx, const NonnullDomain &dom)
{
    DomainGetStateArgs args;
    args.dom = dom;
    args.flags = 0;
    return ctx.wait(ctx.remote().domainGetState(args));
}

QString idText(int id)
{
    return id < 0 ? QStringLiteral("-") : QString::number(id);
}

// ---- list ----------------------------------------------------------------

bool list(CommandContext &ctx)
{
    // VIR_CONNECT_LIST_DOMAINS_*
    enum : unsigned {
        Active = 1,
        Inactive = 2,
    };
    // virsh's checks, in its order.
    for (const char *other : {"name", "id"}) {
        if (ctx.flag(QStringLiteral("table")) && ctx.flag(QLatin1String(other))) {
            ctx.error(QStringLiteral("Options --table and --%1 are mutually exclusive")
                          .arg(QLatin1String(other)));
            return false;
        }
    }
    unsigned flags = Active;
    if (ctx.flag(QStringLiteral("inactive")) || ctx.flag(QStringLiteral("state-shutoff")))
        flags = Inactive;
    if (ctx.flag(QStringLiteral("all")))
        flags = Active | Inactive;
    const std::pair<const char *, unsigned> filters[] = {
        {"persistent", 4},          {"transient", 8},
        {"with-managed-save", 256}, {"without-managed-save", 512},
        {"autostart", 1024},        {"no-autostart", 2048},
        {"with-snapshot", 4096},    {"without-snapshot", 8192},
        {"with-checkpoint", 16384}, {"without-checkpoint", 32768},
        {"state-running", 16},      {"state-paused", 32},
        {"state-shutoff", 64},      {"state-other", 128},
    };
    for (const auto &[name, bit] : filters)
        if (ctx.flag(QLatin1String(name)))
            flags |= bit;

    ConnectListAllDomainsArgs args;
    args.need_results = 1;
    args.flags = flags;
    const auto ret = ctx.wait(ctx.remote().connectListAllDomains(args));
    if (!ret) {
        ctx.error(QStringLiteral("Failed to list domains"));
        return false;
    }
    QList<NonnullDomain> doms(ret->domains.begin(), ret->domains.end());
    std::sort(doms.begin(), doms.end(), [](const NonnullDomain &a, const NonnullDomain &b) {
        const bool aActive = a.id >= 0, bActive = b.id >= 0;
        if (aActive && bActive)
            return a.id < b.id;
        if (aActive != bActive)
            return aActive;
        return XdrText::str(a.name).compare(XdrText::str(b.name), Qt::CaseInsensitive) < 0;
    });

    const bool byName = ctx.flag(QStringLiteral("name"));
    const bool byUuid = ctx.flag(QStringLiteral("uuid"));
    const bool byId = ctx.flag(QStringLiteral("id"));
    const bool managed = ctx.flag(QStringLiteral("managed-save"));
    const bool withTitle = ctx.flag(QStringLiteral("title"));
    const bool asTable = ctx.flag(QStringLiteral("table")) || !(byName || byUuid || byId);

    if (!asTable && !ctx.json()) {
        for (const NonnullDomain &dom : std::as_const(doms)) {
            // As virsh: uuid, id, name; --id alone lists active domains only.
            if (byId && !byUuid && !byName && dom.id < 0)
                continue;
            QStringList parts;
            if (byUuid)
                parts << XdrText::uuid(dom.uuid);
            if (byId)
                parts << idText(dom.id);
            if (byName)
                parts << XdrText::str(dom.name);
            ctx.print(parts.join(QLatin1Char(' ')) + QLatin1Char('\n'));
        }
        return true;
    }

    struct Row
    {
        NonnullDomain dom;
        int state = 0;
        bool saved = false;
        QString title;
    };
    QList<Row> rows;
    for (const NonnullDomain &dom : std::as_const(doms)) {
        const auto st = domainState(ctx, dom);
        if (!st) {
            // Removed in the meantime: skipped, as virsh does.
            ctx.clearError();
            continue;
        }
        Row row{dom, st->state, false, {}};
        if (managed && st->state == 5) { // VIR_DOMAIN_SHUTOFF
            DomainHasManagedSaveImageArgs ms;
            ms.dom = dom;
            ms.flags = 0;
            const auto has = ctx.wait(ctx.remote().domainHasManagedSaveImage(ms));
            ctx.clearError();
            row.saved = has && has->result > 0;
        }
        if (withTitle) {
            DomainGetMetadataArgs md;
            md.dom = dom;
            md.type = 1; // VIR_DOMAIN_METADATA_TITLE
            md.flags = 0;
            const auto title = ctx.wait(ctx.remote().domainGetMetadata(md));
            if (title) {
                row.title = XdrText::str(title->metadata);
            } else if (ctx.lastError().code() == 80) { // VIR_ERR_NO_DOMAIN_METADATA
                ctx.clearError();
            } else {
                return false;
            }
        }
        rows.append(row);
    }
    auto stateText = [](const Row &r) {
        return r.saved ? QStringLiteral("saved") : DomainStateNames::state(r.state);
    };

    if (ctx.json()) {
        QJsonArray array;
        for (const Row &r : std::as_const(rows)) {
            QJsonObject o{{QStringLiteral("id"), r.dom.id},
                          {QStringLiteral("name"), XdrText::str(r.dom.name)},
                          {QStringLiteral("uuid"), XdrText::uuid(r.dom.uuid)},
                          {QStringLiteral("state"), stateText(r)},
                          {QStringLiteral("stateId"), DomainStateNames::stateId(r.state)}};
            if (withTitle)
                o.insert(QStringLiteral("title"), r.title);
            array.append(o);
        }
        ctx.printJson(array);
        return true;
    }
    QStringList header = {QStringLiteral("Id"), QStringLiteral("Name"), QStringLiteral("State")};
    if (withTitle)
        header << QStringLiteral("Title");
    if (byUuid) // only with --table
        header << QStringLiteral("UUID");
    Table table(header);
    for (const Row &r : std::as_const(rows)) {
        QStringList cells = {idText(r.dom.id), XdrText::str(r.dom.name), stateText(r)};
        if (withTitle)
            cells << r.title;
        if (byUuid)
            cells << XdrText::uuid(r.dom.uuid);
        table.addRow(cells);
    }
    ctx.print(table.toString(!ctx.quiet()));
    return true;
}

// ---- dominfo, domstate, domid, domname, domuuid --------------------------

bool dominfo(CommandContext &ctx)
{
    const auto dom = domainArg(ctx);
    if (!dom)
        return false;
    DomainGetInfoArgs infoArgs;
    infoArgs.dom = *dom;
    const auto info = ctx.wait(ctx.remote().domainGetInfo(infoArgs));
    DomainGetOsTypeArgs osArgs;
    osArgs.dom = *dom;
    const auto os = ctx.wait(ctx.remote().domainGetOsType(osArgs));
    DomainIsPersistentArgs persistentArgs;
    persistentArgs.dom = *dom;
    const auto persistent = ctx.wait(ctx.remote().domainIsPersistent(persistentArgs));
    DomainGetAutostartArgs autostartArgs;
    autostartArgs.dom = *dom;
    const auto autostart = ctx.wait(ctx.remote().domainGetAutostart(autostartArgs));
    DomainGetAutostartOnceArgs onceArgs;
    onceArgs.dom = *dom;
    const auto autostartOnce = ctx.wait(ctx.remote().domainGetAutostartOnce(onceArgs));
    DomainHasManagedSaveImageArgs msArgs;
    msArgs.dom = *dom;
    msArgs.flags = 0;
    const auto managed = ctx.wait(ctx.remote().domainHasManagedSaveImage(msArgs));
    ctx.clearError();
    const auto secModel = ctx.wait(ctx.remote().nodeGetSecurityModel());
    const QString model = secModel ? XdrText::chars(secModel->model) : QString();
    std::optional<DomainGetSecurityLabelRet> label;
    if (!model.isEmpty()) {
        DomainGetSecurityLabelArgs labelArgs;
        labelArgs.dom = *dom;
        label = ctx.wait(ctx.remote().domainGetSecurityLabel(labelArgs));
    }
    DomainGetMessagesArgs messagesArgs;
    messagesArgs.dom = *dom;
    messagesArgs.flags = 0;
    const auto messages = ctx.wait(ctx.remote().domainGetMessages(messagesArgs));
    ctx.clearError();

    const QString name = XdrText::str(dom->name);
    const QString uuid = XdrText::uuid(dom->uuid);
    if (ctx.json()) {
        QJsonObject o{{QStringLiteral("id"), dom->id},
                      {QStringLiteral("name"), name},
                      {QStringLiteral("uuid"), uuid}};
        if (os)
            o.insert(QStringLiteral("osType"), XdrText::str(os->type));
        if (info) {
            o.insert(QStringLiteral("state"), DomainStateNames::state(info->state));
            o.insert(QStringLiteral("stateId"), DomainStateNames::stateId(info->state));
            o.insert(QStringLiteral("cpus"), int(info->nrVirtCpu));
            o.insert(QStringLiteral("cpuTimeNs"), qint64(info->cpuTime));
            o.insert(QStringLiteral("maxMemoryKiB"), qint64(info->maxMem));
            o.insert(QStringLiteral("usedMemoryKiB"), qint64(info->memory));
        }
        if (persistent)
            o.insert(QStringLiteral("persistent"), persistent->persistent != 0);
        if (autostart)
            o.insert(QStringLiteral("autostart"), autostart->autostart != 0);
        if (managed)
            o.insert(QStringLiteral("managedSave"), managed->result != 0);
        if (!model.isEmpty()) {
            o.insert(QStringLiteral("securityModel"), model);
            o.insert(QStringLiteral("securityDoi"), XdrText::chars(secModel->doi));
            if (label && !XdrText::chars(label->label).isEmpty()) {
                o.insert(QStringLiteral("securityLabel"), XdrText::chars(label->label));
                o.insert(QStringLiteral("securityEnforcing"), label->enforcing != 0);
            }
        }
        ctx.printJson(o);
        return bool(info);
    }
    auto f = [&](const char *l, const QString &v) {
        ctx.print(TextFormat::field(QLatin1String(l), v));
    };
    f("Id:", idText(dom->id));
    f("Name:", name);
    f("UUID:", uuid);
    if (os)
        f("OS Type:", XdrText::str(os->type));
    if (info) {
        f("State:", DomainStateNames::state(info->state));
        f("CPU(s):", QString::number(info->nrVirtCpu));
        if (info->cpuTime != 0)
            f("CPU time:", QString::asprintf("%.1fs", double(info->cpuTime) / 1000000000.0));
        f("Max memory:", info->maxMem == UINT_MAX ? QStringLiteral("no limit")
                                                  : QStringLiteral("%1 KiB").arg(info->maxMem));
        f("Used memory:", QStringLiteral("%1 KiB").arg(info->memory));
    }
    f("Persistent:",
      persistent ? TextFormat::yesNo(persistent->persistent) : QStringLiteral("unknown"));
    if (autostart)
        f("Autostart:",
          autostart->autostart ? QStringLiteral("enable") : QStringLiteral("disable"));
    if (autostartOnce)
        f("Autostart Once:",
          autostartOnce->autostart ? QStringLiteral("enable") : QStringLiteral("disable"));
    f("Managed save:", managed ? TextFormat::yesNo(managed->result) : QStringLiteral("unknown"));
    if (!model.isEmpty()) {
        f("Security model:", model);
        f("Security DOI:", XdrText::chars(secModel->doi));
        if (label && !XdrText::chars(label->label).isEmpty())
            f("Security label:",
              QStringLiteral("%1 (%2)").arg(XdrText::chars(label->label),
                                            label->enforcing ? QStringLiteral("enforcing")
                                                             : QStringLiteral("permissive")));
    }
    if (messages) {
        for (qsizetype i = 0; i < messages->msgs.size(); ++i)
            ctx.print(TextFormat::field(i == 0 ? QStringLiteral("Messages:") : QString(),
                                        XdrText::str(messages->msgs.at(i))));
    }
    return bool(info);
}

bool domstate(CommandContext &ctx)
{
    const auto dom = domainArg(ctx);
    if (!dom)
        return false;
    const auto st = domainState(ctx, *dom);
    if (!st)
        return false;
    if (ctx.json()) {
        ctx.printJson(QJsonObject{
            {QStringLiteral("state"), DomainStateNames::state(st->state)},
            {QStringLiteral("stateId"), DomainStateNames::stateId(st->state)},
            {QStringLiteral("reason"), DomainStateNames::reason(st->state, st->reason)}});
        return true;
    }
    if (ctx.flag(QStringLiteral("reason")))
        ctx.print(QStringLiteral("%1 (%2)\n")
                      .arg(DomainStateNames::state(st->state),
                           DomainStateNames::reason(st->state, st->reason)));
    else
        ctx.print(DomainStateNames::state(st->state) + QLatin1Char('\n'));
    return true;
}

bool domid(CommandContext &ctx)
{
    const auto dom = domainArg(ctx, Lookup::ByName | Lookup::ByUuid);
    if (!dom)
        return false;
    ctx.print(idText(dom->id) + QLatin1Char('\n'));
    return true;
}

bool domname(CommandContext &ctx)
{
    const auto dom = domainArg(ctx, Lookup::ById | Lookup::ByUuid);
    if (!dom)
        return false;
    ctx.print(XdrText::str(dom->name) + QLatin1Char('\n'));
    return true;
}

bool domuuid(CommandContext &ctx)
{
    const auto dom = domainArg(ctx, Lookup::ById | Lookup::ByName);
    if (!dom)
        return false;
    ctx.print(XdrText::uuid(dom->uuid) + QLatin1Char('\n'));
    return true;
}

bool dumpxml(CommandContext &ctx)
{
    const auto dom = domainArg(ctx);
    if (!dom)
        return false;
    DomainGetXmlDescArgs args;
    args.dom = *dom;
    args.flags = (ctx.flag(QStringLiteral("security-info")) ? 1u : 0u) |
                 (ctx.flag(QStringLiteral("inactive")) ? 2u : 0u) |
                 (ctx.flag(QStringLiteral("update-cpu")) ? 4u : 0u) |
                 (ctx.flag(QStringLiteral("migratable")) ? 8u : 0u);
    const auto ret = ctx.wait(ctx.remote().domainGetXmlDesc(args));
    if (!ret)
        return false;
    return XmlOutput::print(ctx, ret->xml);
}

// --pass-fds of create, start and qemu-monitor-command (virsh's
// virshFetchPassFdsList): no list (or "") is no descriptors; nullopt after
// virsh's error for a bad list.
std::optional<QList<int>> passFds(CommandContext &ctx)
{
    const QString text = ctx.value(QStringLiteral("pass-fds"));
    if (text.isEmpty())
        return QList<int>();
    QString bad;
    const auto fds = TextFormat::fdList(text, &bad);
    if (!fds)
        ctx.error(QStringLiteral("Unable to parse FD number '%1'").arg(bad));
    return fds;
}

OptionSpec passFdsOption(const char *help)
{
    return stringOption(QStringLiteral("pass-fds"), QLatin1String(help));
}

// ---- define, undefine, create ------------------------------------------

std::optional<QByteArray> readXmlFile(CommandContext &ctx, const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ctx.error(QStringLiteral("Failed to open file '%1': %2").arg(path, file.errorString()));
        return std::nullopt;
    }
    return file.readAll();
}

bool define(CommandContext &ctx)
{
    const QString path = ctx.value(QStringLiteral("file"));
    const auto xml = readXmlFile(ctx, path);
    if (!xml)
        return false;
    DomainDefineXmlFlagsArgs args;
    args.xml = *xml;
    args.flags = ctx.flag(QStringLiteral("validate")) ? 1u : 0u;
    const auto ret = ctx.wait(ctx.remote().domainDefineXmlFlags(args));
    if (!ret) {
        ctx.error(QStringLiteral("Failed to define domain from %1").arg(path));
        return false;
    }
    ctx.printExtra(
        QStringLiteral("Domain '%1' defined from %2\n").arg(XdrText::str(ret->dom.name), path));
    return true;
}

bool create(CommandContext &ctx)
{
    const QString path = ctx.value(QStringLiteral("file"));
    const auto xml = readXmlFile(ctx, path);
    if (!xml)
        return false;
    const auto fds = passFds(ctx);
    if (!fds)
        return false;
    const quint32 flags = (ctx.flag(QStringLiteral("paused")) ? 1u : 0u) |
                          (ctx.flag(QStringLiteral("autodestroy")) ? 2u : 0u) |
                          (ctx.flag(QStringLiteral("validate")) ? 16u : 0u) |
                          (ctx.flag(QStringLiteral("reset-nvram")) ? 32u : 0u);
    std::optional<NonnullDomain> created;
    if (fds->isEmpty()) {
        if (const auto ret = ctx.wait(ctx.remote().domainCreateXml({*xml, flags})))
            created = ret->dom;
    } else if (const auto ret =
                   ctx.wait(ctx.remote().domainCreateXmlWithFiles({*xml, flags}, *fds))) {
        created = ret->dom;
    }
    if (!created) {
        ctx.error(QStringLiteral("Failed to create domain from %1").arg(path));
        return false;
    }
    ctx.printExtra(
        QStringLiteral("Domain '%1' created from %2\n").arg(XdrText::str(created->name), path));
    if (ctx.flag(QStringLiteral("console")))
        return runConsole(ctx, *created, QString(), 0, false);
    return true;
}

bool undefine(CommandContext &ctx)
{
    const QString storage = ctx.value(QStringLiteral("storage")); // "" counts as not given
    const bool removeAll = ctx.flag(QStringLiteral("remove-all-storage"));
    const bool wipe = ctx.flag(QStringLiteral("wipe-storage"));
    const bool withSnapshots = ctx.flag(QStringLiteral("delete-storage-volume-snapshots"));
    if (wipe && storage.isEmpty() && !removeAll) {
        ctx.error(QStringLiteral(
            "'--wipe-storage' requires '--storage <string>' or '--remove-all-storage'"));
        return false;
    }
    if (withSnapshots && !removeAll) {
        ctx.error(QStringLiteral("Option --remove-all-storage is required by option "
                                 "--delete-storage-volume-snapshots"));
        return false;
    }
    const auto dom = domainArg(ctx);
    if (!dom)
        return false;
    for (const auto &[a, b] : {std::pair{"nvram", "keep-nvram"}, {"tpm", "keep-tpm"}}) {
        if (ctx.flag(QLatin1String(a)) && ctx.flag(QLatin1String(b))) {
            ctx.error(QStringLiteral("Options --%1 and --%2 are mutually exclusive")
                          .arg(QLatin1String(a), QLatin1String(b)));
            return false;
        }
    }
    QList<UndefineVolumes::Volume> volumes;
    if (!storage.isEmpty() || removeAll) {
        DomainIsActiveArgs a;
        a.dom = *dom;
        const auto active = ctx.wait(ctx.remote().domainIsActive(a));
        if (!active)
            return false;
        if (active->active) {
            ctx.error(
                QStringLiteral("Storage volume deletion is supported only on stopped domains"));
            return false;
        }
        if (!storage.isEmpty() && removeAll) {
            ctx.error(QStringLiteral("Specified both --storage and --remove-all-storage"));
            return false;
        }
        const auto found =
            UndefineVolumes::collect(ctx, *dom, TextFormat::commaList(storage), removeAll);
        if (!found)
            return false;
        volumes = *found;
    }
    DomainUndefineFlagsArgs args;
    args.dom = *dom;
    // VIR_DOMAIN_UNDEFINE_*
    const std::pair<const char *, unsigned> bits[] = {
        {"managed-save", 1}, {"snapshots-metadata", 2},    {"nvram", 4},
        {"keep-nvram", 8},   {"checkpoints-metadata", 16}, {"tpm", 32},
        {"keep-tpm", 64},
    };
    args.flags = 0;
    for (const auto &[name, bit] : bits)
        if (ctx.flag(QLatin1String(name)))
            args.flags |= bit;
    bool done = ctx.wait(ctx.remote().domainUndefineFlags(args));
    // As virsh: flags the driver rejects (VIR_ERR_NO_SUPPORT, _INVALID_ARG)
    // fall back to the piecewise way, unless --nvram needs the flags call.
    const int code = ctx.lastError().code();
    if (!done && !ctx.flag(QStringLiteral("nvram")) && (code == 3 || code == 8)) {
        ctx.clearError();
        bool ok = true;
        if (args.flags & 1u) {
            DomainHasManagedSaveImageArgs has;
            has.dom = *dom;
            const auto image = ctx.wait(ctx.remote().domainHasManagedSaveImage(has));
            if (image && image->result > 0) {
                DomainManagedSaveRemoveArgs remove;
                remove.dom = *dom;
                ok = ctx.wait(ctx.remote().domainManagedSaveRemove(remove));
            }
            if (!image)
                ctx.clearError();
        }
        if (ok) {
            DomainUndefineArgs plain;
            plain.dom = *dom;
            done = ctx.wait(ctx.remote().domainUndefine(plain));
        }
    }
    if (!done) {
        ctx.error(QStringLiteral("Failed to undefine domain '%1'").arg(domainText(ctx)));
        return false;
    }
    ctx.printExtra(QStringLiteral("Domain '%1' has been undefined\n").arg(domainText(ctx)));
    return UndefineVolumes::remove(ctx, volumes, wipe, withSnapshots);
}

// ---- lifecycle ------------------------------------------------------------

bool start(CommandContext &ctx)
{
    const auto dom = domainArg(ctx);
    if (!dom)
        return false;
    if (dom->id >= 0) {
        ctx.error(QStringLiteral("Domain is already active"));
        return false;
    }
    const auto fds = passFds(ctx);
    if (!fds)
        return false;
    const quint32 flags = (ctx.flag(QStringLiteral("paused")) ? 1u : 0u) |
                          (ctx.flag(QStringLiteral("autodestroy")) ? 2u : 0u) |
                          (ctx.flag(QStringLiteral("bypass-cache")) ? 4u : 0u) |
                          (ctx.flag(QStringLiteral("force-boot")) ? 8u : 0u) |
                          (ctx.flag(QStringLiteral("reset-nvram")) ? 32u : 0u);
    std::optional<NonnullDomain> started;
    if (fds->isEmpty()) {
        if (const auto ret = ctx.wait(ctx.remote().domainCreateWithFlags({*dom, flags})))
            started = ret->dom;
    } else if (const auto ret = ctx.wait(ctx.remote().domainCreateWithFiles({*dom, flags}, *fds))) {
        started = ret->dom;
    }
    if (!started) {
        ctx.error(QStringLiteral("Failed to start domain '%1'").arg(XdrText::str(dom->name)));
        return false;
    }
    ctx.printExtra(QStringLiteral("Domain '%1' started\n").arg(XdrText::str(dom->name)));
    if (ctx.flag(QStringLiteral("console")))
        return runConsole(ctx, *started, QString(), 0, false);
    return true;
}

// A command that sends one call about a domain and prints one line.
template <class MakeCall>
bool simpleAction(CommandContext &ctx, MakeCall makeCall, const char *done, const char *failed)
{
    const auto dom = domainArg(ctx);
    if (!dom)
        return false;
    if (!ctx.wait(makeCall(*dom))) {
        ctx.error(QString::fromLatin1(failed).arg(domainText(ctx)));
        return false;
    }
    ctx.printExtra(QString::fromLatin1(done).arg(domainText(ctx)));
    return true;
}

// --mode of shutdown and reboot: VIR_DOMAIN_SHUTDOWN_* / VIR_DOMAIN_REBOOT_*
// (the same bits); nullopt after virsh's error for an unknown mode.
std::optional<unsigned> shutdownModes(CommandContext &ctx, bool reboot)
{
    unsigned flags = 0;
    if (!ctx.options().has(QStringLiteral("mode")))
        return flags;
    static const QStringList names = {"acpi", "agent", "initctl", "signal", "paravirt"};
    for (const QString &mode : ctx.value(QStringLiteral("mode")).split(QLatin1Char(','))) {
        const qsizetype bit = names.indexOf(mode);
        if (bit < 0) {
            // (virsh's two messages differ by a comma)
            ctx.error(QStringLiteral("Unknown mode %1 value, expecting 'acpi', 'agent', "
                                     "'initctl', 'signal'%2 or 'paravirt'")
                          .arg(mode, reboot ? QString() : QStringLiteral(",")));
            return std::nullopt;
        }
        flags |= 1u << bit;
    }
    return flags;
}

bool shutdown(CommandContext &ctx)
{
    const auto flags = shutdownModes(ctx, false);
    if (!flags)
        return false;
    return simpleAction(
        ctx,
        [&](const NonnullDomain &d) -> verx::Reply * {
            // As virsh: the flags call only with a mode.
            if (*flags == 0) {
                DomainShutdownArgs a;
                a.dom = d;
                return ctx.remote().domainShutdown(a);
            }
            DomainShutdownFlagsArgs a;
            a.dom = d;
            a.flags = *flags;
            return ctx.remote().domainShutdownFlags(a);
        },
        "Domain '%1' is being shutdown\n", "Failed to shutdown domain '%1'");
}

bool reboot(CommandContext &ctx)
{
    const auto flags = shutdownModes(ctx, true);
    if (!flags)
        return false;
    return simpleAction(
        ctx,
        [&](const NonnullDomain &d) {
            DomainRebootArgs a;
            a.dom = d;
            a.flags = *flags;
            return ctx.remote().domainReboot(a);
        },
        "Domain '%1' is being rebooted\n", "Failed to reboot domain '%1'");
}

bool reset(CommandContext &ctx)
{
    return simpleAction(
        ctx,
        [&](const NonnullDomain &d) {
            DomainResetArgs a;
            a.dom = d;
            a.flags = 0;
            return ctx.remote().domainReset(a);
        },
        "Domain '%1' was reset\n", "Failed to reset domain '%1'");
}

bool destroy(CommandContext &ctx)
{
    const unsigned flags = (ctx.flag(QStringLiteral("graceful")) ? 1u : 0u) |
                           (ctx.flag(QStringLiteral("remove-logs")) ? 2u : 0u);
    return simpleAction(
        ctx,
        [&](const NonnullDomain &d) -> verx::Reply * {
            // As virsh: the flags call only when a flag is given (the error
            // messages name the call).
            if (flags == 0) {
                DomainDestroyArgs a;
                a.dom = d;
                return ctx.remote().domainDestroy(a);
            }
            DomainDestroyFlagsArgs a;
            a.dom = d;
            a.flags = flags;
            return ctx.remote().domainDestroyFlags(a);
        },
        "Domain '%1' destroyed\n", "Failed to destroy domain '%1'");
}

bool suspend(CommandContext &ctx)
{
    return simpleAction(
        ctx,
        [&](const NonnullDomain &d) {
            DomainSuspendArgs a;
            a.dom = d;
            return ctx.remote().domainSuspend(a);
        },
        "Domain '%1' suspended\n", "Failed to suspend domain '%1'");
}

bool resume(CommandContext &ctx)
{
    return simpleAction(
        ctx,
        [&](const NonnullDomain &d) {
            DomainResumeArgs a;
            a.dom = d;
            return ctx.remote().domainResume(a);
        },
        "Domain '%1' resumed\n", "Failed to resume domain '%1'");
}

bool managedsave(CommandContext &ctx)
{
    const auto dom = domainArg(ctx);
    if (!dom)
        return false;
    DomainManagedSaveArgs a;
    a.dom = *dom;
    a.flags = (ctx.flag(QStringLiteral("bypass-cache")) ? 1u : 0u) |
              (ctx.flag(QStringLiteral("running")) ? 2u : 0u) |
              (ctx.flag(QStringLiteral("paused")) ? 4u : 0u);
    JobWatch watch(ctx, *dom, QStringLiteral("Managedsave"), ctx.flag(QStringLiteral("verbose")));
    if (!watch.wait(ctx.remote().domainManagedSave(a))) {
        ctx.error(QStringLiteral("Failed to save domain '%1' state").arg(domainText(ctx)));
        return false;
    }
    ctx.printExtra(QStringLiteral("\nDomain '%1' state saved by libvirt\n").arg(domainText(ctx)));
    return true;
}

bool autostart(CommandContext &ctx)
{
    const bool disable = ctx.flag(QStringLiteral("disable"));
    if (ctx.flag(QStringLiteral("once"))) {
        return simpleAction(
            ctx,
            [&](const NonnullDomain &d) {
                DomainSetAutostartOnceArgs a;
                a.dom = d;
                a.autostart = disable ? 0 : 1;
                return ctx.remote().domainSetAutostartOnce(a);
            },
            disable ? "Domain '%1' unmarked as autostarted on next boot\n"
                    : "Domain '%1' marked as autostarted on next boot\n",
            disable ? "Failed to unmark domain '%1' as autostarted on next boot"
                    : "Failed to mark domain '%1' as autostarted on next boot");
    }
    return simpleAction(
        ctx,
        [&](const NonnullDomain &d) {
            DomainSetAutostartArgs a;
            a.dom = d;
            a.autostart = disable ? 0 : 1;
            return ctx.remote().domainSetAutostart(a);
        },
        disable ? "Domain '%1' unmarked as autostarted\n" : "Domain '%1' marked as autostarted\n",
        disable ? "Failed to unmark domain '%1' as autostarted"
                : "Failed to mark domain '%1' as autostarted");
}

// ---- domstats -------------------------------------------------------------

struct StatGroup
{
    const char *name;
    unsigned bit;
    const char *help;
};
const StatGroup kStatGroups[] = {
    {"state", 1, "report domain state"},
    {"cpu-total", 2, "report domain physical cpu usage"},
    {"balloon", 4, "report domain balloon statistics"},
    {"vcpu", 8, "report domain virtual cpu information"},
    {"interface", 16, "report domain network interface information"},
    {"block", 32, "report domain block device statistics"},
    {"perf", 64, "report domain perf event statistics"},
    {"iothread", 128, "report domain IOThread information"},
    {"memory", 256, "report domain memory usage"},
    {"dirtyrate", 512, "report domain dirty rate information"},
    {"vm", 1024, "report hypervisor-specific statistics"},
};

bool domstats(CommandContext &ctx)
{
    unsigned stats = 0;
    for (const StatGroup &g : kStatGroups)
        if (ctx.flag(QLatin1String(g.name)))
            stats |= g.bit;
    unsigned flags = 0;
    const std::pair<const char *, unsigned> filterFlags[] = {
        {"list-active", 1},      {"list-inactive", 2},    {"list-persistent", 4},
        {"list-transient", 8},   {"list-running", 16},    {"list-paused", 32},
        {"list-shutoff", 64},    {"list-other", 128},     {"nowait", 0x20000000},
        {"backing", 0x40000000}, {"enforce", 0x80000000},
    };
    for (const auto &[name, bit] : filterFlags)
        if (ctx.flag(QLatin1String(name)))
            flags |= bit;

    ConnectGetAllDomainStatsArgs args;
    if (!domainText(ctx).isEmpty()) {
        for (const QString &name : domainText(ctx).split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            const auto dom = Lookup::domain(ctx, name);
            if (!dom)
                return false;
            args.doms.append(*dom);
        }
    }
    args.stats = stats;
    args.flags = flags;
    const auto ret = ctx.wait(ctx.remote().connectGetAllDomainStats(args));
    if (!ret)
        return false;
    if (ctx.json()) {
        QJsonArray array;
        for (const auto &record : ret->retStats) {
            QJsonObject params;
            for (const auto &p : record.params)
                params.insert(XdrText::str(p.field), TypedParams::toJson(p.value));
            array.append(QJsonObject{{QStringLiteral("name"), XdrText::str(record.dom.name)},
                                     {QStringLiteral("stats"), params}});
        }
        ctx.printJson(array);
        return true;
    }
    // As virsh: records separated by blank lines; the blank line after
    // every command ends the last one.
    for (qsizetype i = 0; i < ret->retStats.size(); ++i) {
        const auto &record = ret->retStats.at(i);
        QString text = i > 0 ? QStringLiteral("\n") : QString();
        text += QStringLiteral("Domain: '%1'\n").arg(XdrText::str(record.dom.name));
        for (const auto &p : record.params)
            text += QStringLiteral("  %1=%2\n")
                        .arg(XdrText::str(p.field), TypedParams::toText(p.value));
        ctx.print(text);
    }
    return true;
}

// ---- screenshot -----------------------------------------------------------

bool screenshot(CommandContext &ctx)
{
    const auto dom = domainArg(ctx);
    if (!dom)
        return false;
    bool ok = true;
    const auto screen = ctx.options().number(QStringLiteral("screen"), &ok);
    verx::Stream stream;
    DomainScreenshotArgs args;
    args.dom = *dom;
    args.screen = screen ? unsigned(*screen) : 0u;
    args.flags = 0;
    const auto ret = ctx.wait(ctx.remote().domainScreenshot(args, &stream));
    if (!ret) {
        ctx.error(QStringLiteral("could not take a screenshot of %1").arg(domainText(ctx)));
        return false;
    }
    const QString mime = XdrText::str(ret->mime);
    QString file = ctx.value(QStringLiteral("file"));
    const bool generated = file.isEmpty();
    if (generated) {
        const QString ext = mime == QLatin1String("image/png") ? QStringLiteral(".png")
                            : mime == QLatin1String("image/x-portable-pixmap")
                                ? QStringLiteral(".ppm")
                                : QString();
        file = QStringLiteral("%1-%2%3").arg(
            XdrText::str(dom->name),
            QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd-HH:mm:ss")), ext);
    }
    QFile out(file);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        ctx.error(QStringLiteral("cannot create file %1: %2").arg(file, out.errorString()));
        stream.abort();
        ctx.error(QStringLiteral("could not receive data from domain '%1'").arg(domainText(ctx)));
        return false;
    }
    if (!StreamTransfer::download(ctx, &stream, out, false, false)) {
        ctx.error(QStringLiteral("could not receive data from domain '%1'").arg(domainText(ctx)));
        return false;
    }
    // No newline: the blank line after every command ends it (as in virsh).
    ctx.printExtra(QStringLiteral("Screenshot saved to %1, with type of %2").arg(file, mime));
    return true;
}

// ---- qemu-monitor-command -----------------------------------------------

bool qemuMonitorCommand(CommandContext &ctx)
{
    const bool pretty = ctx.flag(QStringLiteral("pretty"));
    const bool returnValue = ctx.flag(QStringLiteral("return-value"));
    for (const char *other : {"pretty", "return-value"}) {
        if (ctx.flag(QStringLiteral("hmp")) && ctx.flag(QLatin1String(other))) {
            ctx.error(QStringLiteral("Options --hmp and --%1 are mutually exclusive")
                          .arg(QLatin1String(other)));
            return false;
        }
    }
    const auto dom = domainArg(ctx);
    if (!dom)
        return false;
    const auto fds = passFds(ctx);
    if (!fds)
        return false;
    const QByteArray cmd = XdrText::bytes(ctx.value(QStringLiteral("cmd")));
    const quint32 flags = ctx.flag(QStringLiteral("hmp")) ? 1u : 0u;
    std::optional<QByteArray> result;
    if (fds->isEmpty()) {
        if (const auto ret = ctx.wait(ctx.qemu().domainMonitorCommand({*dom, cmd, flags})))
            result = ret->result;
    } else {
        // Descriptors sent back close with the reply (virsh does not take them).
        if (const auto ret =
                ctx.wait(ctx.qemu().domainMonitorCommandWithFiles({*dom, cmd, flags}, *fds)))
            result = ret->result;
    }
    if (!result)
        return false;
    const bool parsed = !QJsonDocument::fromJson(*result).isNull();
    if (returnValue && !parsed) {
        ctx.error(QStringLiteral("failed to parse JSON returned by qemu"));
        return false;
    }
    if (!parsed || (!pretty && !returnValue)) {
        ctx.print(XdrText::str(*result) + QLatin1Char('\n'));
        return true;
    }
    QByteArray value = *result;
    if (returnValue) {
        const auto member = TextFormat::jsonMember(*result, QStringLiteral("return"));
        if (!member) {
            ctx.error(QStringLiteral("'return' member missing"));
            return false;
        }
        value = *member;
    }
    // No newline: the blank line after every command ends it (as in virsh).
    ctx.print(pretty ? TextFormat::prettyJson(value)
                     : QString::fromUtf8(TextFormat::compactJson(value)));
    return true;
}

Command make(const char *group, const char *name, const char *summary, const char *description,
             std::function<bool(CommandContext &)> run, QList<OptionSpec> options)
{
    Command c;
    c.name = QLatin1String(name);
    c.group = QLatin1String(group);
    c.summary = QLatin1String(summary);
    c.description = QLatin1String(description);
    c.options = std::move(options);
    c.run = std::move(run);
    return c;
}

OptionSpec flag(const char *name, const char *help)
{
    return flagOption(QLatin1String(name), QLatin1String(help));
}

} // namespace

void registerDomainCommands(CommandRegistry &r)
{
    const OptionSpec json = flagOption(QStringLiteral("json"), kJsonHelp);
    const OptionSpec file = dataOption(QStringLiteral("file"),
                                       QStringLiteral("file containing an XML domain description"));
    r.add(make("domain", "autostart", "autostart a domain",
               "Configure a domain to be automatically started at boot.", autostart,
               {domainOption(), flag("disable", "disable autostarting"),
                flag("once", "control next boot state")}));
    r.add(make("domain", "create", "create a domain from an XML file", "Create a domain.", create,
               {file, flag("console", "attach to console after creation"),
                flag("paused", "leave the guest paused after creation"),
                flag("autodestroy", "automatically destroy the guest when virsh disconnects"),
                passFdsOption("pass file descriptors N,M,... to the guest"),
                flag("validate", "validate the XML against the schema"),
                flag("reset-nvram", "re-initialize NVRAM from its pristine template")}));
    r.add(make("domain", "define", "define (but don't start) a domain from an XML file",
               "Define a domain.", define,
               {file, flag("validate", "validate the XML against the schema")}));
    r.add(make("domain", "destroy", "destroy (stop) a domain",
               "Forcefully stop a given domain, but leave its resources intact.", destroy,
               {domainOption(), flag("graceful", "terminate gracefully"),
                flag("remove-logs", "remove domain logs")}));
    r.add(make("domain", "dumpxml", "domain information in XML",
               "Output the domain information as an XML dump to stdout.", dumpxml,
               {domainOption(), flag("inactive", "show inactive defined XML"),
                flag("security-info", "include security sensitive information in XML dump"),
                flag("update-cpu", "update guest CPU according to host CPU"),
                flag("migratable", "provide XML suitable for migrations"),
                stringOption(QStringLiteral("xpath"),
                             QStringLiteral("xpath expression to filter the XML document")),
                flag("wrap", "wrap xpath results in an common root element")}));
    r.add(make("domain", "managedsave", "managed save of a domain state",
               "Save and destroy a running domain, so it can be restarted from\n    the same state "
               "at a later time.  When the virsh 'start'\n    command is next run for the domain, "
               "it will automatically\n    be started from this saved state.",
               managedsave,
               {domainOption(), flag("bypass-cache", "avoid file system cache when saving"),
                flag("running", "set domain to be running on next start"),
                flag("paused", "set domain to be paused on next start"),
                flag("verbose", "display the progress of save")}));
    r.add(make(
        "domain", "qemu-monitor-command", "QEMU Monitor Command", "QEMU Monitor Command",
        qemuMonitorCommand,
        {domainOption(), flag("hmp", "command is in human monitor protocol"),
         flag("pretty", "pretty-print any qemu monitor protocol output"),
         flag("return-value", "extract the value of the 'return' key from the returned string"),
         passFdsOption("pass file descriptors N,M,... along with the command"),
         argvOption(QStringLiteral("cmd"), QStringLiteral("command"))}));
    r.add(make(
        "domain", "reboot", "reboot a domain", "Run a reboot command in the target domain.", reboot,
        {domainOption(),
         dataOption(QStringLiteral("mode"),
                    QStringLiteral("shutdown mode: acpi|agent|initctl|signal|paravirt"), false)}));
    r.add(make("domain", "reset", "reset a domain", "Reset the target domain as if by power button",
               reset, {domainOption()}));
    r.add(make("domain", "resume", "resume a domain", "Resume a previously suspended domain.",
               resume, {domainOption()}));
    r.add(make("domain", "screenshot",
               "take a screenshot of a current domain console and store it into a file",
               "screenshot of a current domain console", screenshot,
               {domainOption(),
                stringOption(QStringLiteral("file"),
                             QStringLiteral("where to store the screenshot"), false, true),
                numberOption(QStringLiteral("screen"),
                             QStringLiteral("ID of a screen to take screenshot of"))}));
    r.add(make(
        "domain", "shutdown", "gracefully shutdown a domain", "Run shutdown in the target domain.",
        shutdown,
        {domainOption(),
         dataOption(QStringLiteral("mode"),
                    QStringLiteral("shutdown mode: acpi|agent|initctl|signal|paravirt"), false)}));
    r.add(make("domain", "start", "start a (previously defined) inactive domain",
               "Start a domain, either from the last managedsave\n    state, or via a fresh boot "
               "if no managedsave state\n    is present.",
               start,
               {dataOption(QStringLiteral("domain"), QStringLiteral("name of the inactive domain")),
                flag("console", "attach to console after creation"),
                flag("paused", "leave the guest paused after creation"),
                flag("autodestroy", "automatically destroy the guest when virsh disconnects"),
                flag("bypass-cache", "avoid file system cache when loading"),
                flag("force-boot", "force fresh boot by discarding any managed save"),
                passFdsOption("pass file descriptors N,M,... to the guest"),
                flag("reset-nvram", "re-initialize NVRAM from its pristine template")}));
    r.add(make("domain", "suspend", "suspend a domain", "Suspend a running domain.", suspend,
               {domainOption()}));
    r.add(make(
        "domain", "undefine", "undefine a domain",
        "Undefine an inactive domain, or convert persistent to transient.", undefine,
        {domainOption(), flag("managed-save", "remove domain managed state file"),
         stringOption(QStringLiteral("storage"),
                      QStringLiteral("remove associated storage volumes (comma separated list of "
                                     "targets or source paths) (see domblklist)")),
         flag("remove-all-storage", "remove all associated storage volumes (use with caution)"),
         flag("delete-storage-volume-snapshots",
              "delete snapshots associated with volume(s), requires --remove-all-storage (must "
              "be supported by storage driver)"),
         flag("wipe-storage", "wipe data on the removed volumes"),
         flag("snapshots-metadata", "remove all domain snapshot metadata (vm must be inactive)"),
         flag("checkpoints-metadata",
              "remove all domain checkpoint metadata (vm must be inactive)"),
         flag("nvram", "remove nvram file"), flag("keep-nvram", "keep nvram file"),
         flag("tpm", "remove TPM state"), flag("keep-tpm", "keep TPM state")}));

    r.add(make("monitor", "dominfo", "domain information",
               "Returns basic information about the domain.", dominfo, {domainOption(), json}));
    r.add(make("monitor", "domstate", "domain state", "Returns state about a domain.", domstate,
               {domainOption(), flag("reason", "also print reason for the state"), json}));
    QList<OptionSpec> statsOptions;
    for (const StatGroup &g : kStatGroups)
        statsOptions.append(flag(g.name, g.help));
    for (const char *name : {"list-active", "list-inactive", "list-persistent", "list-transient",
                             "list-running", "list-paused", "list-shutoff"})
        statsOptions.append(
            flagOption(QLatin1String(name),
                       QStringLiteral("list only %1 domains").arg(QLatin1String(name + 5))));
    statsOptions.append(flag("list-other", "list only domains in other states"));
    statsOptions.append(flag("raw", "do not pretty-print the fields"));
    statsOptions.append(flag("enforce", "enforce requested stats parameters"));
    statsOptions.append(flag("backing", "add backing chain information to block stats"));
    statsOptions.append(flag("nowait", "report only stats that are accessible instantly"));
    statsOptions.append(json);
    statsOptions.append(
        argvOption(QStringLiteral("domain"), QStringLiteral("list of domains to get stats for")));
    statsOptions.last().required = false;
    r.add(make("monitor", "domstats", "get statistics about one or multiple domains",
               "Gets statistics about one or more (or all) domains", domstats, statsOptions));

    r.add(make("domain", "domid", "convert a domain name or UUID to domain id", "", domid,
               {dataOption(QStringLiteral("domain"), QStringLiteral("domain name or uuid"))}));
    r.add(make("domain", "domname", "convert a domain id or UUID to domain name", "", domname,
               {dataOption(QStringLiteral("domain"), QStringLiteral("domain id or uuid"))}));
    r.add(make("domain", "domuuid", "convert a domain name or id to domain UUID", "", domuuid,
               {dataOption(QStringLiteral("domain"), QStringLiteral("domain id or name"))}));
    r.add(make("domain", "list", "list domains", "Returns list of domains.", list,
               {flag("inactive", "list inactive domains"),
                flag("all", "list inactive & active domains"),
                flag("transient", "list transient domains"),
                flag("persistent", "list persistent domains"),
                flag("with-snapshot", "list domains with existing snapshot"),
                flag("without-snapshot", "list domains without a snapshot"),
                flag("with-checkpoint", "list domains with existing checkpoint"),
                flag("without-checkpoint", "list domains without a checkpoint"),
                flag("state-running", "list domains in running state"),
                flag("state-paused", "list domains in paused state"),
                flag("state-shutoff", "list domains in shutoff state"),
                flag("state-other", "list domains in other states"),
                flag("autostart", "list domains with autostart enabled"),
                flag("no-autostart", "list domains with autostart disabled"),
                flag("with-managed-save", "list domains with managed save state"),
                flag("without-managed-save", "list domains without managed save"),
                flag("uuid", "list uuid's only"),
                flag("name", "list domain names only"),
                flag("id", "list domain IDs only"),
                flag("table", "list table (default)"),
                flag("managed-save", "mark inactive domains with managed save state"),
                flag("title", "show domain title"),
                json}));
}

} // namespace verx::cli
