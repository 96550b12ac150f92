// SPDX-License-Identifier: LGPL-2.1-or-later
// Packet framing: a big-endian length word that counts itself, the 24-byte header, the
// payload. Limits are virnetprotocol.x's.
#pragma once

#include <verx/xdr/PacketHeader.h>

namespace verx::xdr {

inline constexpr qsizetype LengthWordSize = 4;
inline constexpr qsizetype MessageMax = 33554432;     // after the length word
inline constexpr qsizetype PayloadMax = 33554408;     // MessageMax - header
inline constexpr qsizetype StringMax = 4194304;       // VIR_NET_MESSAGE_STRING_MAX
inline constexpr qsizetype LegacyPayloadMax = 262120; // per stream data packet
inline constexpr qsizetype InitialBufferSize = 65536; // VIR_NET_MESSAGE_INITIAL
inline constexpr qsizetype MinPacketSize = LengthWordSize + PacketHeader::Size;

// Builds a whole packet: length word, header, payload. Returns an empty array (and sets
// *error if given) when the payload exceeds PayloadMax.
QByteArray framePacket(const PacketHeader &header, QByteArrayView payload,
                       DecodeError *error = nullptr);

// Reads the length word at the start of buffer. Returns the total packet length (including
// the word), 0 when fewer than 4 bytes are there, or -1 (with *error) when the length is
// outside [28, 4 + MessageMax]: the stream cannot be resynchronised then.
qsizetype packetLength(QByteArrayView buffer, DecodeError *error = nullptr);

// Splits one complete packet (length word included) into header and payload. The
// payload view points into packet.
bool parsePacket(QByteArrayView packet, PacketHeader &header, QByteArrayView &payload,
                 DecodeError *error = nullptr);

} // namespace verx::xdr
