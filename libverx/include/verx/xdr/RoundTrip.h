// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once

#include <verx/xdr/Bytes.h>
#include <verx/xdr/Schema.h>

namespace verx::xdr {

template <class T> bool roundTripAs(QByteArrayView in, QByteArray *out, DecodeError *error)
{
    T value;
    if (!fromBytes(in, value, error))
        return false;
    if (out)
        *out = toBytes(value);
    return true;
}

} // namespace verx::xdr
