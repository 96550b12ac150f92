// SPDX-License-Identifier: LGPL-2.1-or-later
// Whole-value helpers for any generated type (found by ADL).
#pragma once

#include <verx/xdr/Decoder.h>
#include <verx/xdr/Encoder.h>

namespace verx::xdr {

template <class T> QByteArray toBytes(const T &value)
{
    Encoder e;
    encode(e, value);
    return e.take();
}

// Decodes exactly one value; trailing bytes are an error.
template <class T> bool fromBytes(QByteArrayView bytes, T &value, DecodeError *error = nullptr)
{
    Decoder d(bytes);
    if (!decode(d, value)) {
        if (error)
            *error = d.error();
        return false;
    }
    if (!d.atEnd()) {
        d.setError(QByteArray::number(d.remaining()) + " trailing bytes after the value");
        d.fail(xdrTypeName(static_cast<const T *>(nullptr)), nullptr);
        if (error)
            *error = d.error();
        return false;
    }
    return true;
}

} // namespace verx::xdr
