// SPDX-License-Identifier: GPL-2.0-or-later
#include "UndefineVolumes.h"

#include "CommandContext.h"
#include "TextFormat.h"
#include "XdrText.h"

#include <verx/calls/RemoteCalls.h>

#include <QXmlStreamReader>

#include <cstdio>

namespace verx::cli {

using namespace verx::remote;

namespace {

struct Disk
{
    QString target, source, pool;
};

// /domain/devices/disk: target/@dev, the first of source/@file, @dir, @name,
// @dev, @volume, and source/@pool.
QList<Disk> disks(const QByteArray &xml)
{
    QList<Disk> result;
    QXmlStreamReader reader(xml);
    QStringList path;
    while (!reader.atEnd()) {
        const auto token = reader.readNext();
        if (token == QXmlStreamReader::StartElement) {
            path << reader.name().toString();
            const auto attrs = reader.attributes();
            if (path == QStringList{"domain", "devices", "disk"}) {
                result.append(Disk{});
            } else if (path.size() == 4 &&
                       path.mid(0, 3) == QStringList{"domain", "devices", "disk"}) {
                if (path[3] == QLatin1String("target") && result.last().target.isEmpty()) {
                    result.last().target = attrs.value(QLatin1String("dev")).toString();
                } else if (path[3] == QLatin1String("source") && result.last().source.isEmpty()) {
                    for (const auto &a : attrs) {
                        const auto n = a.name();
                        if (n == QLatin1String("file") || n == QLatin1String("dir") ||
                            n == QLatin1String("name") || n == QLatin1String("dev") ||
                            n == QLatin1String("volume")) {
                            result.last().source = a.value().toString();
                            break;
                        }
                    }
                    result.last().pool = attrs.value(QLatin1String("pool")).toString();
                }
            }
        } else if (token == QXmlStreamReader::EndElement) {
            path.removeLast();
        }
    }
    return result;
}

} // namespace

std::optional<QList<UndefineVolumes::Volume>> UndefineVolumes::collect(CommandContext &ctx,
                                                                       const NonnullDomain &dom,
                                                                       const QStringList &selected,
                                                                       bool selectAll)
{
    DomainGetXmlDescArgs x;
    x.dom = dom;
    x.flags = 0;
    const auto xml = ctx.wait(ctx.remote().domainGetXmlDesc(x));
    if (!xml)
        return std::nullopt;
    QList<bool> matched(selected.size(), false);
    QList<Volume> volumes;
    for (const Disk &d : disks(xml->xml)) {
        if (d.source.isEmpty())
            continue;
        if (!selectAll) {
            qsizetype i = 0;
            while (i < selected.size() &&
                   (matched[i] || (selected[i] != d.target && selected[i] != d.source)))
                ++i;
            if (i == selected.size())
                continue;
            matched[i] = true;
        }
        std::optional<NonnullStorageVol> vol;
        if (!d.pool.isEmpty()) {
            StoragePoolLookupByNameArgs p;
            p.name = XdrText::bytes(d.pool);
            const auto pool = ctx.wait(ctx.remote().storagePoolLookupByName(p));
            if (!pool) {
                ctx.clearError();
                ctx.error(QStringLiteral("Storage pool '%1' for volume '%2' not found.")
                              .arg(d.pool, d.target));
                continue;
            }
            StorageVolLookupByNameArgs v;
            v.pool = pool->pool;
            v.name = XdrText::bytes(d.source);
            if (const auto r = ctx.wait(ctx.remote().storageVolLookupByName(v)))
                vol = r->vol;
        } else {
            StorageVolLookupByPathArgs v;
            v.path = XdrText::bytes(d.source);
            if (const auto r = ctx.wait(ctx.remote().storageVolLookupByPath(v)))
                vol = r->vol;
        }
        if (!vol) {
            ctx.clearError();
            ctx.error(QStringLiteral(
                          "Storage volume '%1'(%2) is not managed by libvirt. Remove it manually.")
                          .arg(d.target, d.source));
            continue;
        }
        volumes.append(Volume{*vol, d.target, d.source});
    }
    bool missing = false;
    for (qsizetype i = 0; i < selected.size(); ++i) {
        if (matched[i])
            continue;
        ctx.error(
            QStringLiteral("Volume '%1' was not found in domain's definition.").arg(selected[i]));
        missing = true;
    }
    if (missing)
        return std::nullopt;
    return volumes;
}

bool UndefineVolumes::remove(CommandContext &ctx, const QList<Volume> &volumes, bool wipe,
                             bool withSnapshots)
{
    bool ok = true;
    for (const Volume &v : volumes) {
        if (wipe) {
            ctx.printExtra(QStringLiteral("Wiping volume '%1'(%2) ... ").arg(v.target, v.source));
            StorageVolWipeArgs w;
            w.vol = v.vol;
            w.flags = 0;
            if (!ctx.wait(ctx.remote().storageVolWipe(w))) {
                ctx.error(QStringLiteral("Failed! Volume not removed."));
                ok = false;
                continue;
            }
            ctx.printExtra(QStringLiteral("Done.\n"));
        }
        StorageVolDeleteArgs d;
        d.vol = v.vol;
        d.flags = withSnapshots ? 2u : 0u; // VIR_STORAGE_VOL_DELETE_WITH_SNAPSHOTS
        if (!ctx.wait(ctx.remote().storageVolDelete(d))) {
            ctx.error(
                QStringLiteral("Failed to remove storage volume '%1'(%2)").arg(v.target, v.source));
            ok = false;
            continue;
        }
        ctx.printExtra(QStringLiteral("Volume '%1'(%2) removed.\n").arg(v.target, v.source));
    }
    return ok;
}

} // namespace verx::cli
