// SPDX-License-Identifier: LGPL-2.1-or-later
// Decoding of reply payloads for TypedReply (internal detail).
#pragma once

#include <verx/Error.h>

#include <QByteArray>
#include <QByteArrayView>

#include <type_traits>

#if __has_include(<verx/xdr/Decoder.h>)
#include <verx/xdr/Decoder.h>
#define VERX_HAVE_XDR_DECODER 1
#else
namespace verx::xdr {
class Decoder;
}
#endif

namespace verx::detail {

// Decodes payload as T with the ADL decode(xdr::Decoder &, T &); the whole
// payload must be consumed. Dec is a parameter only to keep the body
// dependent until the XDR runtime is complete.
template <class T, class Dec = xdr::Decoder> Error decodePayload(const QByteArray &payload, T &out)
{
    if constexpr (std::is_same_v<T, QByteArray>) {
        out = payload;
        return {};
    } else {
        Dec decoder{QByteArrayView(payload)};
        if (!decode(decoder, out) || !decoder.atEnd()) {
            return Error::transport(
                Error::DecodeFailed,
                QStringLiteral("cannot decode the reply: %1").arg(decoder.error().toString()));
        }
        return {};
    }
}

} // namespace verx::detail
