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

bool splitString(const QString &text, QList<QStringList> *commands)
{
    QStringList current;
    QString word;
    bool inWord = false;
    QChar quote;
    auto endWord = [&] {
        if (inWord)
            current.append(word);
        word.clear();
        inWord = false;
    };
    auto endCommand = [&] {
        endWord();
        if (!current.isEmpty())
            commands->append(current);
        current.clear();
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
            else if (c == QLatin1Char('\\') && quote == QLatin1Char('"') && i + 1 < text.size())
                word.append(text.at(++i));
            else
                word.append(c);
            continue;
        }
        if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            quote = c;
            inWord = true;
        } else if (c == QLatin1Char('\\') && i + 1 < text.size()) {
            word.append(text.at(++i));
            inWord = true;
        } else if (c == QLatin1Char(';') || c == QLatin1Char('\n')) {
            endCommand();
        } else if (c == QLatin1Char('#') && !inWord) {
            while (i + 1 < text.size() && text.at(i + 1) != QLatin1Char('\n'))
                ++i;
        } else if (c.isSpace()) {
            endWord();
        } else {
            word.append(c);
            inWord = true;
        }
    }
    if (!quote.isNull())
        return false;
    endCommand();
    return true;
}

} // namespace verx::cli::CommandLine
