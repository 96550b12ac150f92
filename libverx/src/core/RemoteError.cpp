// SPDX-License-Identifier: LGPL-2.1-or-later
#include "RemoteError.h"

#include <verx/protocol/RemoteTypes.h>
#include <verx/xdr/Bytes.h>

namespace verx::detail {

namespace {

QString text(const remote::String &s)
{
    return s ? QString::fromUtf8(*s) : QString();
}

} // namespace

Error decodeRemoteError(QByteArrayView payload)
{
    remote::Error wire;
    xdr::DecodeError decodeError;
    if (!xdr::fromBytes(payload, wire, &decodeError))
        return Error::transport(
            Error::ProtocolViolation,
            QStringLiteral("malformed error from the server: %1").arg(decodeError.toString()));
    // An error reply always means failure, even with code 0.
    const int code = wire.code == 0 ? 1 /* VIR_ERR_INTERNAL_ERROR */ : wire.code;
    const QString message = text(wire.message);
    Error e(code, wire.domain, message.isEmpty() ? QStringLiteral("unknown error") : message,
            static_cast<Error::Level>(wire.level));
    e.setStr1(text(wire.str1));
    e.setStr2(text(wire.str2));
    e.setStr3(text(wire.str3));
    e.setInt1(wire.int1);
    e.setInt2(wire.int2);
    return e;
}

} // namespace verx::detail
