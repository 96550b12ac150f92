// SPDX-License-Identifier: GPL-2.0-or-later
#include "Lookup.h"

#include "CommandContext.h"
#include "XdrText.h"

#include <verx/calls/RemoteCalls.h>

namespace verx::cli::Lookup {

using namespace verx::remote;

std::optional<NonnullDomain> domain(CommandContext &ctx, const QString &text, int by)
{
    std::optional<NonnullDomain> found;
    bool isNumber = false;
    const int id = text.toInt(&isNumber, 10);
    if ((by & ById) && isNumber && id >= 0) {
        DomainLookupByIdArgs args;
        args.id = id;
        if (auto ret = ctx.wait(ctx.remote().domainLookupById(args)))
            found = ret->dom;
    }
    if (!found && (by & ByUuid) && text.size() == 36) {
        const QByteArray raw = TextFormat::parseUuid(text);
        if (!raw.isEmpty()) {
            DomainLookupByUuidArgs args;
            XdrText::setUuid(args.uuid, raw);
            if (auto ret = ctx.wait(ctx.remote().domainLookupByUuid(args)))
                found = ret->dom;
        }
    }
    if (!found && (by & ByName)) {
        DomainLookupByNameArgs args;
        args.name = XdrText::bytes(text);
        if (auto ret = ctx.wait(ctx.remote().domainLookupByName(args)))
            found = ret->dom;
    }
    if (!found) {
        // virsh drops the lookup's own error and prints only this line,
        // unless the connection itself failed.
        if (!ctx.lastError().isTransportError())
            ctx.clearError();
        ctx.error(QStringLiteral("failed to get domain '%1'").arg(text));
    } else {
        ctx.clearError();
    }
    return found;
}

std::optional<NonnullNetwork> network(CommandContext &ctx, const QString &text)
{
    std::optional<NonnullNetwork> found;
    if (text.size() == 36) {
        const QByteArray raw = TextFormat::parseUuid(text);
        if (!raw.isEmpty()) {
            NetworkLookupByUuidArgs args;
            XdrText::setUuid(args.uuid, raw);
            if (auto ret = ctx.wait(ctx.remote().networkLookupByUuid(args)))
                found = ret->net;
        }
    }
    if (!found) {
        NetworkLookupByNameArgs args;
        args.name = XdrText::bytes(text);
        if (auto ret = ctx.wait(ctx.remote().networkLookupByName(args)))
            found = ret->net;
    }
    if (!found)
        ctx.error(QStringLiteral("failed to get network '%1'").arg(text));
    else
        ctx.clearError();
    return found;
}

std::optional<NonnullStoragePool> pool(CommandContext &ctx, const QString &text)
{
    std::optional<NonnullStoragePool> found;
    if (text.size() == 36) {
        const QByteArray raw = TextFormat::parseUuid(text);
        if (!raw.isEmpty()) {
            StoragePoolLookupByUuidArgs args;
            XdrText::setUuid(args.uuid, raw);
            if (auto ret = ctx.wait(ctx.remote().storagePoolLookupByUuid(args)))
                found = ret->pool;
        }
    }
    if (!found) {
        StoragePoolLookupByNameArgs args;
        args.name = XdrText::bytes(text);
        if (auto ret = ctx.wait(ctx.remote().storagePoolLookupByName(args)))
            found = ret->pool;
    }
    if (!found)
        ctx.error(QStringLiteral("failed to get pool '%1'").arg(text));
    else
        ctx.clearError();
    return found;
}

std::optional<NonnullStorageVol> volume(CommandContext &ctx, const QString &text,
                                        const QString &poolText)
{
    std::optional<NonnullStorageVol> found;
    if (!poolText.isEmpty()) {
        const auto p = pool(ctx, poolText);
        if (!p)
            return std::nullopt;
        StorageVolLookupByNameArgs args;
        args.pool = *p;
        args.name = XdrText::bytes(text);
        if (auto ret = ctx.wait(ctx.remote().storageVolLookupByName(args)))
            found = ret->vol;
    }
    if (!found) {
        StorageVolLookupByKeyArgs args;
        args.key = XdrText::bytes(text);
        if (auto ret = ctx.wait(ctx.remote().storageVolLookupByKey(args)))
            found = ret->vol;
    }
    if (!found) { // as virsh: name in the pool, then key, then path
        StorageVolLookupByPathArgs args;
        args.path = XdrText::bytes(text);
        if (auto ret = ctx.wait(ctx.remote().storageVolLookupByPath(args)))
            found = ret->vol;
    }
    if (!found) {
        if (!poolText.isEmpty())
            ctx.error(QStringLiteral("failed to get vol '%1'").arg(text));
        else
            ctx.error(
                QStringLiteral("failed to get vol '%1', specifying --pool might help").arg(text));
    } else {
        ctx.clearError();
    }
    return found;
}

} // namespace verx::cli::Lookup
