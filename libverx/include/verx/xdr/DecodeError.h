// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace verx::xdr {

// Why decoding failed and where: the outermost type, the path of fields down to the
// failing value and the reason, e.g.
// "remote::DomainGetXmlDescRet.xml: string length 5000000 exceeds maximum 4194304".
class DecodeError
{
public:
    QByteArray typeName;   // e.g. "remote::ConnectListAllDomainsRet"; may be empty
    QByteArray fieldPath;  // e.g. "domains[3].name"; may be empty
    QByteArray reason;     // e.g. "unexpected end of data: need 4 bytes, 2 left"
    qsizetype offset = -1; // byte offset of the failure in the decoded data

    bool isNull() const { return reason.isEmpty(); }
    QString toString() const;
};

} // namespace verx::xdr
