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
// False, with virsh's message in *error, on an unclosed double quote or a
// dangling backslash.
bool splitString(const QString &text, QList<QStringList> *commands, QString *error);

} // namespace CommandLine

} // namespace verx::cli
