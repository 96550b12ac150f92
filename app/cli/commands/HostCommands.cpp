// SPDX-License-Identifier: GPL-2.0-or-later
// Host and hypervisor commands: version, uri, hostname, nodeinfo,
// capabilities, sysinfo.
#include "CliApplication.h"
#include "CommandContext.h"
#include "Session.h"
#include "TextFormat.h"
#include "XdrText.h"
#include "XmlOutput.h"

#include <verx/calls/RemoteCalls.h>

#include <QJsonObject>

namespace verx::cli {

using namespace verx::remote;

namespace {

const QString kJsonHelp = QStringLiteral("print the result as JSON (verx extension)");

QString versionText(quint64 v)
{
    return QStringLiteral("%1.%2.%3").arg(v / 1000000).arg((v / 1000) % 1000).arg(v % 1000);
}

bool version(CommandContext &ctx)
{
    const auto type = ctx.wait(ctx.remote().connectGetType());
    if (!type)
        return false;
    const auto lib = ctx.wait(ctx.remote().connectGetLibVersion());
    if (!lib)
        return false;
    const auto hv = ctx.wait(ctx.remote().connectGetVersion());
    if (!hv)
        return false;
    const QString typeName = XdrText::str(type->type);
    const QString own = QStringLiteral("verx " VERX_CLI_VERSION);
    if (ctx.json()) {
        QJsonObject o{{QStringLiteral("client"), own},
                      {QStringLiteral("type"), typeName},
                      {QStringLiteral("library"), versionText(lib->lib_ver)},
                      {QStringLiteral("hypervisor"), versionText(hv->hv_ver)}};
        ctx.printJson(o);
        return true;
    }
    ctx.print(QStringLiteral("Compiled against library: %1\n").arg(own));
    ctx.print(QStringLiteral("Using library: %1\n").arg(own));
    ctx.print(QStringLiteral("Using API: %1 %2\n").arg(typeName, versionText(lib->lib_ver)));
    if (hv->hv_ver == 0)
        ctx.print(QStringLiteral("Cannot extract running %1 hypervisor version\n").arg(typeName));
    else
        ctx.print(
            QStringLiteral("Running hypervisor: %1 %2\n").arg(typeName, versionText(hv->hv_ver)));
    if (ctx.flag(QStringLiteral("daemon")))
        ctx.print(QStringLiteral("Running against daemon: %1\n").arg(versionText(lib->lib_ver)));
    return true;
}

bool uri(CommandContext &ctx)
{
    ctx.print(ctx.session().uri() + QLatin1Char('\n'));
    return true;
}

bool hostname(CommandContext &ctx)
{
    const auto ret = ctx.wait(ctx.remote().connectGetHostname());
    if (!ret)
        return false;
    ctx.print(XdrText::str(ret->hostname) + QLatin1Char('\n'));
    return true;
}

bool nodeinfo(CommandContext &ctx)
{
    const auto info = ctx.wait(ctx.remote().nodeGetInfo());
    if (!info) {
        ctx.error(QStringLiteral("failed to get node information"));
        return false;
    }
    const QString model = XdrText::chars(info->model);
    if (ctx.json()) {
        ctx.printJson(QJsonObject{{QStringLiteral("cpuModel"), model},
                                  {QStringLiteral("cpus"), info->cpus},
                                  {QStringLiteral("mhz"), info->mhz},
                                  {QStringLiteral("sockets"), info->sockets},
                                  {QStringLiteral("coresPerSocket"), info->cores},
                                  {QStringLiteral("threadsPerCore"), info->threads},
                                  {QStringLiteral("numaCells"), info->nodes},
                                  {QStringLiteral("memoryKiB"), qint64(info->memory)}});
        return true;
    }
    auto f = [&](const char *label, const QString &value) {
        ctx.print(TextFormat::field(QLatin1String(label), value, 20));
    };
    f("CPU model:", model);
    f("CPU(s):", QString::number(info->cpus));
    f("CPU frequency:", QStringLiteral("%1 MHz").arg(info->mhz));
    f("CPU socket(s):", QString::number(info->sockets));
    f("Core(s) per socket:", QString::number(info->cores));
    f("Thread(s) per core:", QString::number(info->threads));
    f("NUMA cell(s):", QString::number(info->nodes));
    f("Memory size:", QStringLiteral("%1 KiB").arg(info->memory));
    return true;
}

bool capabilities(CommandContext &ctx)
{
    const auto ret = ctx.wait(ctx.remote().connectGetCapabilities());
    if (!ret) {
        ctx.error(QStringLiteral("failed to get capabilities"));
        return false;
    }
    return XmlOutput::print(ctx, ret->capabilities);
}

bool sysinfo(CommandContext &ctx)
{
    ConnectGetSysinfoArgs args;
    args.flags = 0;
    const auto ret = ctx.wait(ctx.remote().connectGetSysinfo(args));
    if (!ret) {
        ctx.error(QStringLiteral("failed to get sysinfo"));
        return false;
    }
    ctx.print(XdrText::str(ret->sysinfo));
    return true;
}

Command make(const char *name, const char *summary, const char *description,
             std::function<bool(CommandContext &)> run, QList<OptionSpec> options = {})
{
    Command c;
    c.name = QLatin1String(name);
    c.group = QStringLiteral("host");
    c.summary = QLatin1String(summary);
    c.description = QLatin1String(description);
    c.options = std::move(options);
    c.run = std::move(run);
    return c;
}

} // namespace

void registerHostCommands(CommandRegistry &registry)
{
    registry.add(make(
        "capabilities", "capabilities", "Returns capabilities of hypervisor/driver.", capabilities,
        {stringOption(QStringLiteral("xpath"),
                      QStringLiteral("xpath expression to filter the XML document")),
         flagOption(QStringLiteral("wrap"),
                    QStringLiteral("wrap xpath results in an common root element"))}));
    registry.add(make("hostname", "print the hypervisor hostname", "", hostname));
    registry.add(make("nodeinfo", "node information", "Returns basic information about the node.",
                      nodeinfo, {flagOption(QStringLiteral("json"), kJsonHelp)}));
    registry.add(make("sysinfo", "print the hypervisor sysinfo",
                      "output an XML string for the hypervisor sysinfo, if available", sysinfo));
    registry.add(make("uri", "print the hypervisor canonical URI", "", uri));
    registry.add(
        make("version", "show version", "Display the system version information.", version,
             {flagOption(QStringLiteral("daemon"), QStringLiteral("report daemon version too")),
              flagOption(QStringLiteral("json"), kJsonHelp)}));
}

} // namespace verx::cli
