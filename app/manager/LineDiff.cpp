// SPDX-License-Identifier: GPL-2.0-or-later
#include "LineDiff.h"

#include <QList>
#include <QStringList>

#include <vector>

namespace verx::manager::LineDiff {

QString unified(const QString &before, const QString &after, const QString &beforeName,
                const QString &afterName)
{
    if (before == after)
        return {};
    const QStringList a = before.split(QLatin1Char('\n'));
    const QStringList b = after.split(QLatin1Char('\n'));
    // Trim the common head and tail so the quadratic table stays small.
    qsizetype head = 0;
    while (head < a.size() && head < b.size() && a[head] == b[head])
        ++head;
    qsizetype tail = 0;
    while (tail < a.size() - head && tail < b.size() - head &&
           a[a.size() - 1 - tail] == b[b.size() - 1 - tail])
        ++tail;
    const qsizetype n = a.size() - head - tail;
    const qsizetype m = b.size() - head - tail;
    std::vector<std::vector<int>> lcs(n + 1, std::vector<int>(m + 1, 0));
    for (qsizetype i = n - 1; i >= 0; --i)
        for (qsizetype j = m - 1; j >= 0; --j)
            lcs[i][j] = a[head + i] == b[head + j] ? lcs[i + 1][j + 1] + 1
                                                   : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    // Edit script over the whole files: ' ', '-', '+' with line text.
    struct Op
    {
        char kind;
        QString text;
    };
    QList<Op> ops;
    for (qsizetype i = 0; i < head; ++i)
        ops.append({' ', a[i]});
    qsizetype i = 0, j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && a[head + i] == b[head + j]) {
            ops.append({' ', a[head + i]});
            ++i;
            ++j;
        } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
            ops.append({'-', a[head + i]});
            ++i;
        } else {
            ops.append({'+', b[head + j]});
            ++j;
        }
    }
    for (qsizetype k = a.size() - tail; k < a.size(); ++k)
        ops.append({' ', a[k]});

    QString out = QStringLiteral("--- %1\n+++ %2\n").arg(beforeName, afterName);
    constexpr int context = 3;
    qsizetype k = 0;
    int lineA = 1, lineB = 1; // line numbers at ops[k]
    while (k < ops.size()) {
        // Next change.
        qsizetype c = k;
        int la = lineA, lb = lineB;
        while (c < ops.size() && ops[c].kind == ' ') {
            ++c;
            ++la;
            ++lb;
        }
        if (c == ops.size())
            break;
        // Hunk start with context.
        qsizetype start = std::max<qsizetype>(k, c - context);
        int startA = la - int(c - start), startB = lb - int(c - start);
        // Hunk end: extend while changes are within 2*context.
        qsizetype end = c;
        qsizetype lastChange = c;
        while (end < ops.size()) {
            if (ops[end].kind != ' ')
                lastChange = end;
            else if (end - lastChange > 2 * context)
                break;
            ++end;
        }
        end = std::min<qsizetype>(ops.size(), lastChange + 1 + context);
        int countA = 0, countB = 0;
        QString body;
        for (qsizetype x = start; x < end; ++x) {
            if (ops[x].kind != '+')
                ++countA;
            if (ops[x].kind != '-')
                ++countB;
            body += QLatin1Char(ops[x].kind) + ops[x].text + QLatin1Char('\n');
        }
        out +=
            QStringLiteral("@@ -%1,%2 +%3,%4 @@\n").arg(startA).arg(countA).arg(startB).arg(countB);
        out += body;
        lineA = startA + countA;
        lineB = startB + countB;
        k = end;
    }
    return out;
}

} // namespace verx::manager::LineDiff
