// SPDX-License-Identifier: LGPL-2.1-or-later
// The "ssh" transport: runs the ssh binary as libvirt does (SshCommand)
// and talks over its stdin/stdout. Without no_tty=1, ssh's password,
// passphrase and host key prompts arrive through an askpass bridge and are
// emitted as AuthRequests.
#pragma once

#include "ProcessTransport.h"
#include "SshCommand.h"

namespace verx {

class AskpassBridge;
class AuthRequest;
class Uri;

class SshTransport : public ProcessTransport
{
    Q_OBJECT
public:
    // The command for uri (readOnly: the connection is opened read-only);
    // *error set (and the command unusable) for a bad proxy=/mode=.
    static SshCommand commandFromUri(const Uri &uri, bool readOnly, QString *error);

    explicit SshTransport(const SshCommand &command, QObject *parent = nullptr);
    // Invalid parameters: connectToPeer() fails with this error.
    SshTransport(const QString &invalidReason, QObject *parent);
    ~SshTransport() override;

    const SshCommand &command() const { return m_command; }

protected:
    bool prepare(QString *program, QStringList *arguments, QProcessEnvironment *env,
                 Error::Code *code, QString *error) override;
    QString label() const override { return QStringLiteral("ssh"); }
    Error exitError(int exitCode, const QString &stderrText) const override;

private:
    void onPrompt(qint64 id, const QString &prompt, const QString &hint);

    SshCommand m_command;
    QString m_invalid;
    AskpassBridge *m_askpass = nullptr;
    bool m_cancelled = false;
};

} // namespace verx
