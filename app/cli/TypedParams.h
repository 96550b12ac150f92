// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonValue>

#include <QString>
#include <limits>

#include <type_traits>
#include <variant>

namespace verx::cli {

// Text and JSON for remote_typed_param_value (its .value is a std::variant
// whose alternatives follow the discriminant: INT 1, UINT 2, LLONG 3, ULLONG 4,
// DOUBLE 5, BOOLEAN 6, STRING 7).
namespace TypedParams {

constexpr std::size_t kBooleanIndex = 5;

template <class Value> QString toText(const Value &value)
{
    const bool isBool = value.value.index() == kBooleanIndex;
    return std::visit(
        [isBool](const auto &x) -> QString {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, QByteArray>)
                return QString::fromUtf8(x);
            else if constexpr (std::is_floating_point_v<T>)
                return QString::asprintf("%f", double(x));
            else if constexpr (std::is_integral_v<T>)
                return isBool ? (x ? QStringLiteral("yes") : QStringLiteral("no"))
                              : QString::number(x);
            else
                return QString();
        },
        value.value);
}

// As libvirt's virTypedParameterToString (event details): doubles as %g,
// booleans as 0/1.
template <class Value> QString toEventText(const Value &value)
{
    return std::visit(
        [](const auto &x) -> QString {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, QByteArray>)
                return QString::fromUtf8(x);
            else if constexpr (std::is_floating_point_v<T>)
                return QString::asprintf("%g", double(x));
            else if constexpr (std::is_integral_v<T>)
                return QString::number(x);
            else
                return QString();
        },
        value.value);
}

template <class Value> QJsonValue toJson(const Value &value)
{
    const bool isBool = value.value.index() == kBooleanIndex;
    return std::visit(
        [isBool](const auto &x) -> QJsonValue {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, QByteArray>)
                return QString::fromUtf8(x);
            else if constexpr (std::is_floating_point_v<T>)
                return double(x);
            else if constexpr (std::is_integral_v<T>) {
                if (isBool)
                    return x != 0;
                if constexpr (std::is_unsigned_v<T>) {
                    // ULLONG above 2^63 would wrap in qint64.
                    if (quint64(x) > quint64(std::numeric_limits<qint64>::max()))
                        return double(x);
                }
                return qint64(x);
            } else
                return QJsonValue();
        },
        value.value);
}

} // namespace TypedParams

} // namespace verx::cli
