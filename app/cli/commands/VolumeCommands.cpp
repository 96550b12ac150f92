// SPDX-License-Identifier: GPL-2.0-or-later
// Storage volumes: vol-list, vol-upload, vol-download.
#include "CliApplication.h"
#include "CommandContext.h"
#include "Lookup.h"
#include "StreamTransfer.h"
#include "Table.h"
#include "TextFormat.h"
#include "XdrText.h"

#include <verx/Stream.h>
#include <verx/calls/RemoteCalls.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

namespace verx::cli {

using namespace verx::remote;

namespace {

QString volType(int type)
{
    static const QStringList names = {"file", "block", "dir", "network", "netdir", "ploop"};
    return type >= 0 && type < names.size() ? names.at(type) : QStringLiteral("unknown");
}

bool volList(CommandContext &ctx)
{
    const auto pool = Lookup::pool(ctx, ctx.value(QStringLiteral("pool")));
    if (!pool)
        return false;
    StoragePoolListAllVolumesArgs args;
    args.pool = *pool;
    args.need_results = 1;
    args.flags = 0;
    const auto ret = ctx.wait(ctx.remote().storagePoolListAllVolumes(args));
    if (!ret) {
        ctx.error(QStringLiteral("Failed to list volumes"));
        return false;
    }
    QList<NonnullStorageVol> vols(ret->vols.begin(), ret->vols.end());
    std::sort(vols.begin(), vols.end(), [](const NonnullStorageVol &a, const NonnullStorageVol &b) {
        return XdrText::str(a.name).compare(XdrText::str(b.name), Qt::CaseInsensitive) < 0;
    });
    const bool details = ctx.flag(QStringLiteral("details"));
    QStringList header{QStringLiteral("Name"), QStringLiteral("Path")};
    if (details)
        header << QStringLiteral("Type") << QStringLiteral("Capacity")
               << QStringLiteral("Allocation");
    Table table(header);
    QJsonArray array;
    for (const auto &v : vols) {
        StorageVolGetPathArgs p;
        p.vol = v;
        const auto path = ctx.wait(ctx.remote().storageVolGetPath(p));
        StorageVolGetInfoArgs i;
        i.vol = v;
        const auto info = ctx.wait(ctx.remote().storageVolGetInfo(i));
        const QString pathText = path ? XdrText::str(path->name) : QString();
        QJsonObject o{{QStringLiteral("name"), XdrText::str(v.name)},
                      {QStringLiteral("path"), pathText},
                      {QStringLiteral("key"), XdrText::str(v.key)}};
        QStringList row{XdrText::str(v.name), pathText};
        if (info) {
            o.insert(QStringLiteral("type"), volType(info->type));
            o.insert(QStringLiteral("capacity"), qint64(info->capacity));
            o.insert(QStringLiteral("allocation"), qint64(info->allocation));
        }
        if (details)
            row << (info ? volType(info->type) : QStringLiteral("unknown"))
                << (info ? TextFormat::capacity(info->capacity) : QStringLiteral("unknown"))
                << (info ? TextFormat::capacity(info->allocation) : QStringLiteral("unknown"));
        array.append(o);
        table.addRow(row);
    }
    ctx.clearError();
    if (ctx.json())
        ctx.printJson(array);
    else
        ctx.print(table.toString(!ctx.quiet()));
    return true;
}

bool transfer(CommandContext &ctx, bool upload)
{
    const auto vol =
        Lookup::volume(ctx, ctx.value(QStringLiteral("vol")), ctx.value(QStringLiteral("pool")));
    if (!vol)
        return false;
    bool ok = true;
    const qint64 offset = ctx.options().number(QStringLiteral("offset"), &ok).value_or(0);
    const qint64 length = ctx.options().number(QStringLiteral("length"), &ok).value_or(0);
    const bool sparse = ctx.flag(QStringLiteral("sparse"));
    const QString file = ctx.value(QStringLiteral("file"));
    // As virsh: the local file first, before any stream is opened (for a
    // download it stays open and receives the data).
    QFile local(file);
    if (!local.open(upload ? QIODevice::ReadOnly : QIODevice::WriteOnly)) {
        ctx.error((upload ? QStringLiteral("cannot read %1") : QStringLiteral("cannot create %1"))
                      .arg(file));
        return false;
    }
    if (upload)
        local.close();
    // The size for the progress line, asked before the download starts (its
    // reply would otherwise queue behind the stream's data).
    qint64 expected = length;
    if (!upload && expected == 0) {
        StorageVolGetInfoArgs i;
        i.vol = *vol;
        if (auto info = ctx.wait(ctx.remote().storageVolGetInfo(i)))
            expected = qint64(info->capacity) - offset;
        ctx.clearError();
    }
    verx::Stream stream;
    stream.setSparse(sparse);
    bool started = false;
    if (upload) {
        StorageVolUploadArgs args;
        args.vol = *vol;
        args.offset = quint64(offset);
        args.length = quint64(length);
        args.flags = sparse ? 1u : 0u;
        started = ctx.wait(ctx.remote().storageVolUpload(args, &stream));
    } else {
        StorageVolDownloadArgs args;
        args.vol = *vol;
        args.offset = quint64(offset);
        args.length = quint64(length);
        args.flags = sparse ? 1u : 0u;
        started = ctx.wait(ctx.remote().storageVolDownload(args, &stream));
    }
    if (!started) {
        ctx.error(
            upload
                ? QStringLiteral("cannot upload to volume %1").arg(ctx.value(QStringLiteral("vol")))
                : QStringLiteral("cannot download from volume %1")
                      .arg(ctx.value(QStringLiteral("vol"))));
        return false;
    }
    const bool done = upload
                          ? StreamTransfer::upload(ctx, &stream, file, sparse, true, length)
                          : StreamTransfer::download(ctx, &stream, local, sparse, true, expected);
    if (!done) {
        ctx.error(upload ? QStringLiteral("cannot send data to volume %1")
                               .arg(ctx.value(QStringLiteral("vol")))
                         : QStringLiteral("cannot receive data from volume %1")
                               .arg(ctx.value(QStringLiteral("vol"))));
        return false;
    }
    return true;
}

Command make(const char *name, const char *summary, const char *description,
             std::function<bool(CommandContext &)> run, QList<OptionSpec> options)
{
    Command c;
    c.name = QLatin1String(name);
    c.group = QStringLiteral("volume");
    c.summary = QLatin1String(summary);
    c.description = QLatin1String(description);
    c.options = std::move(options);
    c.run = std::move(run);
    return c;
}

QList<OptionSpec> transferOptions(const char *fileHelp, const char *offsetHelp,
                                  const char *lengthHelp, const char *sparseHelp)
{
    return {dataOption(QStringLiteral("vol"), QStringLiteral("vol name, key or path")),
            dataOption(QStringLiteral("file"), QLatin1String(fileHelp)),
            dataOption(QStringLiteral("pool"), QStringLiteral("pool name or uuid"), false),
            numberOption(QStringLiteral("offset"), QLatin1String(offsetHelp)),
            numberOption(QStringLiteral("length"), QLatin1String(lengthHelp)),
            flagOption(QStringLiteral("sparse"), QLatin1String(sparseHelp))};
}

} // namespace

void registerVolumeCommands(CommandRegistry &r)
{
    r.add(make(
        "vol-download", "download volume contents to a file", "Download volume contents to a file",
        [](CommandContext &ctx) { return transfer(ctx, false); },
        transferOptions("file", "volume offset to download from", "amount of data to download",
                        "preserve sparseness of volume")));
    r.add(make("vol-list", "list vols", "Returns list of vols by pool.", volList,
               {dataOption(QStringLiteral("pool"), QStringLiteral("pool name or uuid")),
                flagOption(QStringLiteral("details"),
                           QStringLiteral("display extended details for volumes")),
                flagOption(QStringLiteral("json"),
                           QStringLiteral("print the result as JSON (verx extension)"))}));
    r.add(make(
        "vol-upload", "upload file contents to a volume", "Upload file contents to a volume",
        [](CommandContext &ctx) { return transfer(ctx, true); },
        transferOptions("file", "volume offset to upload to", "amount of data to upload",
                        "preserve sparseness of volume")));
}

} // namespace verx::cli
