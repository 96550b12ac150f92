// SPDX-License-Identifier: GPL-2.0-or-later
#include "CommandLine.h"

#include <QCoreApplication>

namespace verx::manager {

CommandLine::CommandLine()
    : m_connect(QStringList{QStringLiteral("c"), QStringLiteral("connect")},
                QCoreApplication::translate("main", "Connect to URI at start (repeatable)."),
                QCoreApplication::translate("main", "URI")),
      m_noSaved(QStringLiteral("no-saved"),
                QCoreApplication::translate("main", "Do not open the saved connections."))
{
    m_parser.setApplicationDescription(
        QCoreApplication::translate("main", "Manage virtual machines on libvirt hosts."));
    m_parser.addHelpOption();
    m_parser.addVersionOption();
    m_parser.addOption(m_connect);
    m_parser.addOption(m_noSaved);
    m_parser.addPositionalArgument(QStringLiteral("uri"),
                                   QCoreApplication::translate("main", "Connect to URI at start."),
                                   QCoreApplication::translate("main", "[URI...]"));
}

bool CommandLine::parse(const QStringList &arguments)
{
    return m_parser.parse(arguments);
}

QStringList CommandLine::uris() const
{
    QStringList uris = m_parser.values(m_connect);
    for (const QString &uri : m_parser.positionalArguments())
        if (!uri.isEmpty())
            uris.append(uri);
    return uris;
}

bool CommandLine::openSaved() const
{
    return !m_parser.isSet(m_noSaved);
}

} // namespace verx::manager
