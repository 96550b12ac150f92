// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QList>
#include <QStringList>

namespace verx::cli {

// Splits what the user typed into commands, like virsh: a lone ";" word
// separates commands given as separate arguments; a single argument is parsed
// as a command string (quotes, backslashes, ";" and newlines separate).
namespace CommandLine {

QList<QStringList> splitArguments(const QStringList &arguments);
// False on an unterminated quote.
bool splitString(const QString &text, QList<QStringList> *commands);

} // namespace CommandLine

} // namespace verx::cli
