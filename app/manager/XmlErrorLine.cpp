// SPDX-License-Identifier: GPL-2.0-or-later
#include "XmlErrorLine.h"

#include <QRegularExpression>

namespace verx::manager::XmlErrorLine {

int find(const QString &message)
{
    // libxml2 parse errors as libvirt reports them: "(name):LINE: text";
    // other messages: "line LINE".
    static const QRegularExpression patterns[] = {
        QRegularExpression(QStringLiteral("\\([^()\\n]*\\):(\\d+):")),
        QRegularExpression(QStringLiteral("\\bline (\\d+)\\b"),
                           QRegularExpression::CaseInsensitiveOption),
    };
    for (const QRegularExpression &re : patterns) {
        const QRegularExpressionMatch m = re.match(message);
        if (m.hasMatch()) {
            bool ok = false;
            const int line = m.captured(1).toInt(&ok);
            if (ok && line > 0)
                return line;
        }
    }
    return 0;
}

} // namespace verx::manager::XmlErrorLine
