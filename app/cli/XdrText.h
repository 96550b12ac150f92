// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "TextFormat.h"

#include <QByteArray>
#include <QString>

#include <optional>
#include <type_traits>

namespace verx::cli {

// Conversions between the generated XDR field types and text.
namespace XdrText {

inline QString str(const QByteArray &bytes)
{
    return QString::fromUtf8(bytes);
}
inline QString str(const std::optional<QByteArray> &bytes)
{
    return bytes ? QString::fromUtf8(*bytes) : QString();
}
inline QByteArray bytes(const QString &text)
{
    return text.toUtf8();
}

// char arrays (fixed or variable, one element per XDR word) up to the first NUL.
template <class Chars> QString chars(const Chars &list)
{
    QByteArray raw;
    for (const auto c : list) {
        if (c == 0)
            break;
        raw.append(static_cast<char>(c));
    }
    return QString::fromUtf8(raw);
}

template <class Uuid> QString uuid(const Uuid &value)
{
    QByteArray raw;
    for (const auto b : value)
        raw.append(static_cast<char>(b));
    return TextFormat::uuid(raw);
}

template <class Uuid> void setUuid(Uuid &target, const QByteArray &raw)
{
    if constexpr (std::is_same_v<Uuid, QByteArray>) {
        target = raw;
    } else {
        for (qsizetype i = 0; i < raw.size() && i < qsizetype(std::size(target)); ++i)
            target[i] = static_cast<std::remove_reference_t<decltype(target[0])>>(raw.at(i));
    }
}

} // namespace XdrText

} // namespace verx::cli
