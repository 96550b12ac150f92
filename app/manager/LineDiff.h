// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QString>

namespace verx::manager::LineDiff {

// A unified diff (3 lines of context) from \a before to \a after, empty when
// they are equal. Line-based longest common subsequence.
QString unified(const QString &before, const QString &after, const QString &beforeName,
                const QString &afterName);

} // namespace verx::manager::LineDiff
