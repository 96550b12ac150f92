// SPDX-License-Identifier: GPL-2.0-or-later
#include "Table.h"

#include <wchar.h>

namespace verx::cli {

qsizetype Table::displayWidth(const QString &text)
{
    qsizetype width = 0;
    for (const char32_t c : text.toUcs4()) {
        const int w = wcwidth(static_cast<wchar_t>(c));
        width += w < 0 ? 1 : w;
    }
    return width;
}

QString Table::toString(bool withHeader) const
{
    const qsizetype columns = m_header.size();
    QList<qsizetype> widths(columns, 0);
    auto measure = [&](const QStringList &row) {
        for (qsizetype i = 0; i < columns && i < row.size(); ++i)
            widths[i] = std::max(widths[i], displayWidth(row.at(i)));
    };
    if (withHeader)
        measure(m_header);
    for (const QStringList &row : m_rows)
        measure(row);

    auto printRow = [&](const QStringList &row, QString &out) {
        for (qsizetype i = 0; i < columns; ++i) {
            const QString cell = i < row.size() ? row.at(i) : QString();
            out += QLatin1Char(' ') + cell;
            if (i < columns - 1)
                out += QString(widths[i] - displayWidth(cell) + 2, QLatin1Char(' '));
        }
        out += QLatin1Char('\n');
    };

    QString out;
    if (withHeader) {
        printRow(m_header, out);
        qsizetype dashes = 0;
        for (qsizetype w : widths)
            dashes += w + 3;
        out += QString(dashes, QLatin1Char('-')) + QLatin1Char('\n');
    }
    for (const QStringList &row : m_rows)
        printRow(row, out);
    return out;
}

} // namespace verx::cli
