// SPDX-License-Identifier: LGPL-2.1-or-later
#include <verx/Error.h>

#include "ErrorNames.h"

namespace verx {

Error::Error(int code, int domain, const QString &message, Level level)
    : m_code(code), m_domain(domain), m_level(level), m_message(message)
{}

Error Error::transport(Code code, const QString &message)
{
    return Error(code, TransportDomain, message, Level::Error);
}

QString Error::codeName() const
{
    return codeName(m_code);
}

QString Error::domainName() const
{
    return domainName(m_domain);
}

QString Error::codeName(int code)
{
    const QString name = detail::errorCodeName(code);
    return name.isEmpty() ? QString::number(code) : name;
}

QString Error::domainName(int domain)
{
    const QString name = detail::errorDomainName(domain);
    return name.isEmpty() ? QString::number(domain) : name;
}

QString Error::toString() const
{
    if (!isError())
        return {};
    return QStringLiteral("error: ") + m_message;
}

} // namespace verx
