// SPDX-License-Identifier: LGPL-2.1-or-later
#include <verx/xdr/DecodeError.h>

namespace verx::xdr {

QString DecodeError::toString() const
{
    QByteArray where = typeName;
    if (!fieldPath.isEmpty()) {
        if (!where.isEmpty() && !fieldPath.startsWith('['))
            where += '.';
        where += fieldPath;
    }
    if (where.isEmpty())
        return QString::fromUtf8(reason);
    return QString::fromUtf8(where + ": " + reason);
}

} // namespace verx::xdr
