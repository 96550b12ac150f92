// SPDX-License-Identifier: LGPL-2.1-or-later
#include "SshTransport.h"

#include "AskpassBridge.h"

#include <verx/AuthRequest.h>
#include <verx/Uri.h>

namespace verx {

namespace {

bool truthy(const QString &value)
{
    return !value.isEmpty() && value.toInt() != 0;
}

} // namespace

SshCommand SshTransport::commandFromUri(const Uri &uri, bool readOnly, QString *error)
{
    SshCommand cmd;
    const QString binary = uri.queryItemValue(QStringLiteral("command"));
    if (!binary.isEmpty())
        cmd.binary = binary;
    cmd.host = uri.host();
    cmd.port = uri.port();
    cmd.user = uri.user();
    cmd.keyFile = uri.queryItemValue(QStringLiteral("keyfile"));
    cmd.knownHosts = uri.queryItemValue(QStringLiteral("known_hosts"));
    cmd.noVerify = truthy(uri.queryItemValue(QStringLiteral("no_verify")));
    cmd.noTty = truthy(uri.queryItemValue(QStringLiteral("no_tty")));
    cmd.netcat = uri.queryItemValue(QStringLiteral("netcat"));
    cmd.driverUri = uri.name();
    cmd.readOnly = readOnly;
    const QString proxy = uri.queryItemValue(QStringLiteral("proxy"));
    if (!SshCommand::parseProxy(proxy, &cmd.proxy)) {
        *error = QStringLiteral("unknown proxy '%1' (expected auto, netcat or native)").arg(proxy);
        return cmd;
    }
    if (uri.transport() != QLatin1String("ssh")) { // libssh, libssh2: through ssh as well
        cmd.knownHostsVerify = uri.queryItemValue(QStringLiteral("known_hosts_verify"));
        if (!cmd.knownHostsVerify.isEmpty() && cmd.knownHostsVerify != QLatin1String("normal") &&
            cmd.knownHostsVerify != QLatin1String("auto") &&
            cmd.knownHostsVerify != QLatin1String("ignore")) {
            *error = QStringLiteral("unknown known_hosts_verify '%1' (expected normal, auto or "
                                    "ignore)")
                         .arg(cmd.knownHostsVerify);
            return cmd;
        }
        QString bad;
        if (!SshCommand::parseAuthMethods(uri.queryItemValue(QStringLiteral("sshauth")),
                                          &cmd.authMethods, &bad)) {
            *error = QStringLiteral("unknown sshauth method '%1' (expected agent, privkey, "
                                    "password or keyboard-interactive)")
                         .arg(bad);
            return cmd;
        }
    }
    cmd.socket = uri.queryItemValue(QStringLiteral("socket"));
    if (cmd.socket.isEmpty()) {
        // The remote daemon cannot be probed from here: mode=auto means
        // libvirtd (legacy), as libvirt's client decides for remote hosts.
        const QString mode = uri.queryItemValue(QStringLiteral("mode"));
        if (!mode.isEmpty() && mode != QLatin1String("auto") && mode != QLatin1String("legacy") &&
            mode != QLatin1String("direct")) {
            *error =
                QStringLiteral("unknown mode '%1' (expected auto, legacy or direct)").arg(mode);
            return cmd;
        }
        cmd.socket = SshCommand::defaultSocket(uri.driver(), uri.path(), readOnly,
                                               mode == QLatin1String("direct"));
    }
    return cmd;
}

SshTransport::SshTransport(const SshCommand &command, QObject *parent)
    : ProcessTransport(parent), m_command(command)
{}

SshTransport::SshTransport(const QString &invalidReason, QObject *parent)
    : ProcessTransport(parent), m_invalid(invalidReason)
{}

SshTransport::~SshTransport() = default;

bool SshTransport::prepare(QString *program, QStringList *arguments, QProcessEnvironment *env,
                           Error::Code *code, QString *error)
{
    if (!m_invalid.isEmpty()) {
        *code = Error::InvalidUri;
        *error = m_invalid;
        return false;
    }
    *arguments = m_command.arguments(error);
    if (arguments->isEmpty()) {
        *code = Error::InvalidUri;
        return false;
    }
    *program = m_command.binary;
    if (!m_command.noTty) {
        m_askpass = new AskpassBridge(this);
        if (!m_askpass->start(error)) {
            *code = Error::TransportFailure;
            return false;
        }
        connect(m_askpass, &AskpassBridge::promptReceived, this, &SshTransport::onPrompt);
        *env = m_askpass->environment(*env);
    }
    return true;
}

void SshTransport::onPrompt(qint64 id, const QString &prompt, const QString &hint)
{
    if (hint == QLatin1String("none")) {
        m_askpass->answer(id, QString()); // a notice: nothing to answer
        return;
    }
    AuthRequest::Kind kind = AuthRequest::Kind::Other;
    if (hint == QLatin1String("confirm") || prompt.contains(QLatin1String("(yes/no")))
        kind = AuthRequest::Kind::HostKeyConfirmation;
    else if (prompt.contains(QLatin1String("passphrase"), Qt::CaseInsensitive))
        kind = AuthRequest::Kind::Passphrase;
    else if (prompt.contains(QLatin1String("password"), Qt::CaseInsensitive))
        kind = AuthRequest::Kind::Password;
    auto *request = new AuthRequest(kind, prompt, this);
    request->setHost(m_command.user.isEmpty() ? m_command.host
                                              : m_command.user + QLatin1Char('@') + m_command.host);
    if (kind == AuthRequest::Kind::HostKeyConfirmation)
        request->setDetail(prompt);
    connect(request, &AuthRequest::done, this, [this, request, id, kind] {
        if (request->isCancelled()) {
            m_cancelled = true;
            m_askpass->refuse(id);
        } else if (kind == AuthRequest::Kind::HostKeyConfirmation) {
            m_askpass->answer(id, request->value().isEmpty() ? QStringLiteral("yes")
                                                             : request->value());
        } else {
            m_askpass->answer(id, request->value());
        }
        request->deleteLater();
    });
    Q_EMIT authenticationRequired(request);
}

Error SshTransport::exitError(int exitCode, const QString &stderrText) const
{
    Error::Code code = Error::TransportFailure;
    if (m_cancelled)
        code = Error::AuthCancelled;
    else if (stderrText.contains(QLatin1String("Permission denied")) ||
             stderrText.contains(QLatin1String("Host key verification failed")) ||
             stderrText.contains(QLatin1String("Too many authentication failures")))
        code = Error::AuthFailed;
    else if (stderrText.contains(QLatin1String("Could not resolve hostname")))
        code = Error::HostNotFound;
    else if (stderrText.contains(QLatin1String("Connection refused")))
        code = Error::ConnectionRefused;
    QString message = stderrText.isEmpty()
                          ? QStringLiteral("ssh exited with status %1").arg(exitCode)
                          : QStringLiteral("ssh: %1").arg(stderrText);
    if (m_cancelled)
        message = QStringLiteral("ssh authentication cancelled (%1)").arg(message);
    return Error::transport(code, message);
}

} // namespace verx
