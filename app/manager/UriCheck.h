// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QString>

namespace verx::manager::UriCheck {

// An empty string when \a uri is a connection URI libverx accepts,
// otherwise the parser's error for showing next to the field.
QString error(const QString &uri);

} // namespace verx::manager::UriCheck
