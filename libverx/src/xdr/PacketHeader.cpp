// SPDX-License-Identifier: LGPL-2.1-or-later
#include <verx/xdr/PacketHeader.h>

namespace verx {

void encode(xdr::Encoder &e, const PacketHeader &h)
{
    e.u32(h.program);
    e.u32(h.version);
    e.i32(h.procedure);
    e.u32(quint32(h.type));
    e.u32(h.serial);
    e.u32(quint32(h.status));
}

bool decode(xdr::Decoder &d, PacketHeader &h)
{
    static constexpr char T[] = "PacketHeader";
    quint32 type = 0;
    quint32 status = 0;
    if (!d.u32(h.program))
        return d.fail(T, "prog");
    if (!d.u32(h.version))
        return d.fail(T, "vers");
    if (!d.i32(h.procedure))
        return d.fail(T, "proc");
    if (!d.u32(type))
        return d.fail(T, "type");
    if (type > quint32(PacketType::StreamHole)) {
        d.setError("unknown message type " + QByteArray::number(type));
        return d.fail(T, "type");
    }
    if (!d.u32(h.serial))
        return d.fail(T, "serial");
    if (!d.u32(status))
        return d.fail(T, "status");
    if (status > quint32(PacketStatus::Continue)) {
        d.setError("unknown message status " + QByteArray::number(status));
        return d.fail(T, "status");
    }
    h.type = PacketType(type);
    h.status = PacketStatus(status);
    return true;
}

} // namespace verx
