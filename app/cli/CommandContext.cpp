// SPDX-License-Identifier: GPL-2.0-or-later
#include "CommandContext.h"

#include "Session.h"
#include "TextFormat.h"

namespace verx::cli {

CommandContext::CommandContext(Session &session, const Command &command,
                               const ParsedOptions &options)
    : m_session(session), m_command(command), m_options(options)
{}

bool CommandContext::quiet() const
{
    return m_session.options().quiet;
}

verx::Connection *CommandContext::connection()
{
    return m_session.connection();
}

verx::remote::Calls &CommandContext::remote()
{
    return m_session.remote();
}

verx::qemu::Calls &CommandContext::qemu()
{
    return m_session.qemu();
}

bool CommandContext::finish(verx::Reply *reply)
{
    if (!reply->isFinished()) {
        reply->setTimeout(m_session.options().callTimeoutMs);
        verx::waitForFinished(reply, m_session.options().callTimeoutMs + 1000);
    }
    if (!reply->isFinished())
        reply->abort();
    if (reply->hasError()) {
        m_lastError = reply->error();
        reply->deleteLater();
        return false;
    }
    return true;
}

void CommandContext::print(const QString &text)
{
    Session::writeOut(text);
}

void CommandContext::printExtra(const QString &text)
{
    if (!quiet())
        Session::writeOut(text);
}

void CommandContext::printJson(const QJsonValue &value)
{
    Session::writeOut(TextFormat::json(value));
}

void CommandContext::error(const QString &message)
{
    Session::writeErr(QStringLiteral("error: %1\n").arg(message));
}

} // namespace verx::cli
