// SPDX-License-Identifier: LGPL-2.1-or-later
#include <verx/xdr/Framing.h>

namespace verx::xdr {

QByteArray framePacket(const PacketHeader &header, QByteArrayView payload, DecodeError *error)
{
    if (payload.size() > PayloadMax) {
        if (error) {
            *error = {};
            error->typeName = "packet";
            error->reason = "payload of " + QByteArray::number(payload.size()) +
                            " bytes exceeds maximum " + QByteArray::number(PayloadMax);
        }
        return {};
    }
    Encoder e;
    e.reserve(MinPacketSize + payload.size());
    e.u32(quint32(MinPacketSize + payload.size()));
    encode(e, header);
    e.raw(payload);
    return e.take();
}

qsizetype packetLength(QByteArrayView buffer, DecodeError *error)
{
    if (buffer.size() < LengthWordSize)
        return 0;
    const quint32 len = qFromBigEndian<quint32>(buffer.data());
    if (len < quint32(MinPacketSize) || len > quint32(LengthWordSize + MessageMax)) {
        if (error) {
            *error = {};
            error->typeName = "packet";
            error->fieldPath = "length";
            error->offset = 0;
            error->reason = "length " + QByteArray::number(len) + " outside " +
                            QByteArray::number(MinPacketSize) + ".." +
                            QByteArray::number(LengthWordSize + MessageMax);
        }
        return -1;
    }
    return qsizetype(len);
}

bool parsePacket(QByteArrayView packet, PacketHeader &header, QByteArrayView &payload,
                 DecodeError *error)
{
    DecodeError lengthError;
    const qsizetype len = packetLength(packet, &lengthError);
    if (len <= 0 || len != packet.size()) {
        if (error) {
            if (len < 0) {
                *error = lengthError;
            } else {
                *error = {};
                error->typeName = "packet";
                error->fieldPath = "length";
                error->offset = 0;
                error->reason = len == 0
                                    ? QByteArray("packet shorter than its length word")
                                    : "length word says " + QByteArray::number(len) +
                                          " bytes, packet has " + QByteArray::number(packet.size());
            }
        }
        return false;
    }
    Decoder d(packet.sliced(LengthWordSize, PacketHeader::Size));
    if (!decode(d, header)) {
        if (error) {
            *error = d.error();
            error->offset += LengthWordSize;
        }
        return false;
    }
    payload = packet.sliced(MinPacketSize);
    return true;
}

} // namespace verx::xdr
