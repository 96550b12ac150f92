// SPDX-License-Identifier: LGPL-2.1-or-later
#include "RemoteError.h"

#include <verx/xdr/Decoder.h>

namespace verx::detail {

namespace {

constexpr quint32 StringMax = 4194304;

bool optionalString(xdr::Decoder &d, QString *out)
{
    bool present = false;
    if (!d.presence(present))
        return false;
    if (!present) {
        out->clear();
        return true;
    }
    QByteArray s;
    if (!d.string(s, StringMax))
        return false;
    *out = QString::fromUtf8(s);
    return true;
}

// remote_domain / remote_network: optional {name, uuid[16] (, id)}.
bool skipOptionalObject(xdr::Decoder &d, bool hasId)
{
    bool present = false;
    if (!d.presence(present))
        return false;
    if (!present)
        return true;
    QByteArray name;
    quint8 uuid[16];
    if (!d.string(name, StringMax) || !d.fixedOpaque(uuid, 16))
        return false;
    qint32 id = 0;
    return !hasId || d.i32(id);
}

} // namespace

Error decodeRemoteError(QByteArrayView payload)
{
    xdr::Decoder d(payload);
    qint32 code = 0, domain = 0, level = 0, int1 = 0, int2 = 0;
    QString message, str1, str2, str3;
    const bool ok = d.i32(code) && d.i32(domain) && optionalString(d, &message) && d.i32(level) &&
                    skipOptionalObject(d, true) && optionalString(d, &str1) &&
                    optionalString(d, &str2) && optionalString(d, &str3) && d.i32(int1) &&
                    d.i32(int2) && skipOptionalObject(d, false) && d.atEnd();
    if (!ok)
        return Error::transport(
            Error::ProtocolViolation,
            QStringLiteral("malformed error from the server: %1")
                .arg(d.hasError() ? d.error().toString() : QStringLiteral("trailing bytes")));
    if (code == 0)
        code = 1; // VIR_ERR_INTERNAL_ERROR: an error reply always means failure
    Error e(code, domain, message.isEmpty() ? QStringLiteral("unknown error") : message,
            static_cast<Error::Level>(level));
    e.setStr1(str1);
    e.setStr2(str2);
    e.setStr3(str3);
    e.setInt1(int1);
    e.setInt2(int2);
    return e;
}

} // namespace verx::detail
