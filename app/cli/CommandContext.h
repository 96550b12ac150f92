// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "Command.h"
#include "ParsedOptions.h"

#include <verx/Error.h>
#include <verx/TypedReply.h>

#include <QJsonValue>

#include <optional>

namespace verx {
class Connection;
namespace remote {
class Calls;
}
namespace qemu {
class Calls;
}
} // namespace verx

namespace verx::cli {

class Session;

// What a running command sees: its options, the connection, output helpers
// and the error that virsh would print after a failed command.
class CommandContext
{
public:
    CommandContext(Session &session, const Command &command, const ParsedOptions &options);

    const Command &command() const { return m_command; }
    const ParsedOptions &options() const { return m_options; }
    QString value(const QString &name) const { return m_options.value(name); }
    bool flag(const QString &name) const { return m_options.flag(name); }
    bool json() const { return m_options.flag(QStringLiteral("json")); }
    bool quiet() const;

    Session &session() { return m_session; }
    verx::Connection *connection();
    verx::remote::Calls &remote();
    verx::qemu::Calls &qemu();

    // Waits for a call; on failure records its error (printed after the
    // command) and returns nullopt / false. The reply is deleted.
    template <class T> std::optional<T> wait(verx::TypedReply<T> *reply)
    {
        if (!finish(reply))
            return std::nullopt;
        T result = reply->result();
        reply->deleteLater();
        return result;
    }
    bool wait(verx::Reply *reply)
    {
        const bool ok = finish(reply);
        if (ok)
            reply->deleteLater();
        return ok;
    }

    // Output.
    void print(const QString &text);
    // Informational text that virsh prints with vshPrintExtra: hidden by -q.
    void printExtra(const QString &text);
    void printJson(const QJsonValue &value);
    // An "error: ..." line on stderr, now.
    void error(const QString &message);
    // The libvirt error of the last failed call, printed after the command.
    void setError(const verx::Error &error) { m_lastError = error; }
    void clearError() { m_lastError = {}; }
    const verx::Error &lastError() const { return m_lastError; }

private:
    bool finish(verx::Reply *reply);

    Session &m_session;
    const Command &m_command;
    const ParsedOptions &m_options;
    verx::Error m_lastError;
};

} // namespace verx::cli
