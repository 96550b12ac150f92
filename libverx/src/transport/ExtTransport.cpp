// SPDX-License-Identifier: LGPL-2.1-or-later
#include "ExtTransport.h"

#include <verx/Uri.h>

#include <QFileInfo>

namespace verx {

ExtTransport::ExtTransport(const QString &command, QObject *parent)
    : ProcessTransport(parent), m_command(command)
{}

ExtTransport *ExtTransport::fromUri(const Uri &uri, QObject *parent)
{
    return new ExtTransport(uri.queryItemValue(QStringLiteral("command")), parent);
}

bool ExtTransport::prepare(QString *program, QStringList *arguments, QProcessEnvironment *,
                           Error::Code *code, QString *error)
{
    if (m_command.isEmpty()) {
        *code = Error::InvalidUri;
        *error = QStringLiteral("the ext transport needs a command= parameter");
        return false;
    }
    if (m_command.contains(QLatin1Char(' ')) && !QFileInfo::exists(m_command)) {
        QStringList words = QProcess::splitCommand(m_command);
        if (words.isEmpty()) {
            *code = Error::InvalidUri;
            *error = QStringLiteral("cannot parse the ext command '%1'").arg(m_command);
            return false;
        }
        *program = words.takeFirst();
        *arguments = words;
        return true;
    }
    *program = m_command;
    arguments->clear();
    return true;
}

} // namespace verx
