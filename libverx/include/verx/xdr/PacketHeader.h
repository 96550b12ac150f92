// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once

#include <verx/xdr/Decoder.h>
#include <verx/xdr/Encoder.h>

namespace verx {

// virNetMessageType
enum class PacketType : quint32 {
    Call = 0,
    Reply = 1,
    Message = 2,
    Stream = 3,
    CallWithFds = 4,
    ReplyWithFds = 5,
    StreamHole = 6,
};

// virNetMessageStatus
enum class PacketStatus : quint32 {
    Ok = 0,
    Error = 1,
    Continue = 2,
};

// The 24-byte header after the length word of every packet (virNetMessageHeader).
struct PacketHeader
{
    quint32 program = 0;
    quint32 version = 0;
    qint32 procedure = 0;
    PacketType type = PacketType::Call;
    quint32 serial = 0;
    PacketStatus status = PacketStatus::Ok;

    static constexpr qsizetype Size = 24;

    bool operator==(const PacketHeader &) const = default;
};

// Codec (found by ADL, like the generated types').
void encode(xdr::Encoder &e, const PacketHeader &h);
// Rejects unknown types and statuses.
bool decode(xdr::Decoder &d, PacketHeader &h);
inline constexpr const char *xdrTypeName(const PacketHeader *)
{
    return "PacketHeader";
}

} // namespace verx
