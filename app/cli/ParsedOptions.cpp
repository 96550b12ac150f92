// SPDX-License-Identifier: GPL-2.0-or-later
#include "ParsedOptions.h"

namespace verx::cli {

std::optional<qlonglong> ParsedOptions::number(const QString &name, bool *ok) const
{
    *ok = true;
    if (!m_values.contains(name))
        return std::nullopt;
    const qlonglong n = m_values.value(name).toLongLong(ok, 0);
    if (!*ok)
        return std::nullopt;
    return n;
}

} // namespace verx::cli
