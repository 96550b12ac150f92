// SPDX-License-Identifier: GPL-2.0-or-later
#include "CommandLine.h"

namespace verx::cli::CommandLine {

QList<QStringList> splitArguments(const QStringList &arguments)
{
    QList<QStringList> commands;
    QStringList current;
    for (const QString &arg : arguments) {
        if (arg == QLatin1String(";")) {
            if (!current.isEmpty())
                commands.append(current);
            current.clear();
            continue;
        }
        current.append(arg);
    }
    if (!current.isEmpty())
        commands.append(current);
    return commands;
}

bool splitString(const QString &text, QList<QStringList> *commands, QString *error)
{
    // virsh's rules: blanks are space and tab; ';' and newline end a command;
    // '#' starting a word comments out the rest of the line; backslash
    // escapes the next character outside single quotes (and vanishes before
    // a newline); single quotes keep everything, an unclosed one runs to the
    // end; an unclosed double quote or a final backslash is an error.
    auto isBlank = [](QChar c) { return c == QLatin1Char(' ') || c == QLatin1Char('\t'); };
    auto endsCommand = [](QChar c) { return c == QLatin1Char(';') || c == QLatin1Char('\n'); };
    QStringList current;
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (true) {
        while (i < n && (isBlank(text.at(i)) || (text.at(i) == QLatin1Char('\\') && i + 1 < n &&
                                                 text.at(i + 1) == QLatin1Char('\n'))))
            i += text.at(i) == QLatin1Char('\\') ? 2 : 1;
        if (i >= n)
            break;
        const QChar first = text.at(i);
        if (endsCommand(first) || first == QLatin1Char('#')) {
            if (first == QLatin1Char('#'))
                while (i < n && text.at(i) != QLatin1Char('\n'))
                    ++i;
            ++i;
            if (!current.isEmpty())
                commands->append(current);
            current.clear();
            continue;
        }
        QString word;
        bool single = false, dbl = false;
        for (; i < n; ++i) {
            const QChar c = text.at(i);
            if (!single && !dbl && (isBlank(c) || endsCommand(c)))
                break;
            if (!dbl && c == QLatin1Char('\'')) {
                single = !single;
                continue;
            }
            if (!single && c == QLatin1Char('"')) {
                dbl = !dbl;
                continue;
            }
            if (!single && c == QLatin1Char('\\')) {
                if (++i >= n) {
                    *error = QStringLiteral("dangling \\");
                    return false;
                }
                if (text.at(i) == QLatin1Char('\n'))
                    continue;
            }
            word.append(text.at(i));
        }
        if (dbl) {
            *error = QStringLiteral("missing \"");
            return false;
        }
        current.append(word);
    }
    if (!current.isEmpty())
        commands->append(current);
    return true;
}

} // namespace verx::cli::CommandLine
