// SPDX-License-Identifier: LGPL-2.1-or-later
#include "ErrorNames.h"

#include <verx/Error.h>
#include <verx/protocol/ApiEnums.h>

namespace verx::detail {

QString errorCodeName(int code)
{
    switch (code) {
    case Error::NoError:
        return QStringLiteral("VIR_ERR_OK");
    case Error::ConnectionRefused:
        return QStringLiteral("VERX_ERR_CONNECTION_REFUSED");
    case Error::ConnectionClosed:
        return QStringLiteral("VERX_ERR_CONNECTION_CLOSED");
    case Error::Timeout:
        return QStringLiteral("VERX_ERR_TIMEOUT");
    case Error::ProtocolViolation:
        return QStringLiteral("VERX_ERR_PROTOCOL_VIOLATION");
    case Error::TlsError:
        return QStringLiteral("VERX_ERR_TLS");
    case Error::AuthFailed:
        return QStringLiteral("VERX_ERR_AUTH_FAILED");
    case Error::AuthCancelled:
        return QStringLiteral("VERX_ERR_AUTH_CANCELLED");
    case Error::HostNotFound:
        return QStringLiteral("VERX_ERR_HOST_NOT_FOUND");
    case Error::InvalidUri:
        return QStringLiteral("VERX_ERR_INVALID_URI");
    case Error::Aborted:
        return QStringLiteral("VERX_ERR_ABORTED");
    case Error::NotConnected:
        return QStringLiteral("VERX_ERR_NOT_CONNECTED");
    case Error::DecodeFailed:
        return QStringLiteral("VERX_ERR_DECODE_FAILED");
    case Error::TransportFailure:
        return QStringLiteral("VERX_ERR_TRANSPORT");
    case Error::Unsupported:
        return QStringLiteral("VERX_ERR_UNSUPPORTED");
    case Error::InvalidArgument:
        return QStringLiteral("VERX_ERR_INVALID_ARGUMENT");
    default:
        break;
    }
    if (const char *name = enumName(static_cast<ErrorNumber>(code)))
        return QString::fromLatin1(name);
    return {};
}

QString errorDomainName(int domain)
{
    if (domain == Error::TransportDomain)
        return QStringLiteral("VERX_FROM_TRANSPORT");
    if (const char *name = enumName(static_cast<ErrorDomain>(domain)))
        return QString::fromLatin1(name);
    return {};
}

} // namespace verx::detail
