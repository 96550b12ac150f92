// SPDX-License-Identifier: LGPL-2.1-or-later
// verx::AuthRequest: one credential the connection needs (from SASL, ssh or
// a host key check). Emitted by Connection::authenticationRequired(); answer
// it (now or later) with answer()/confirm() or cancel() it. The connection
// owns the request.
#pragma once

#include <QObject>
#include <QString>

namespace verx {

class AuthRequest : public QObject
{
    Q_OBJECT
public:
    enum class Kind {
        Username,            // a login name (echoed)
        Password,            // a password (not echoed)
        Passphrase,          // a key passphrase (not echoed)
        HostKeyConfirmation, // accept an unknown host key? (confirm()/cancel())
        Other,               // any other prompt; see echo()
    };
    Q_ENUM(Kind)

    explicit AuthRequest(Kind kind, const QString &prompt, QObject *parent = nullptr);
    ~AuthRequest() override;

    Kind kind() const { return m_kind; }
    // What to show the user ("Password for verxtest@127.0.0.1:").
    QString prompt() const { return m_prompt; }
    // Extra detail: the host key fingerprint, the SASL challenge, ...
    QString detail() const { return m_detail; }
    void setDetail(const QString &detail) { m_detail = detail; }
    // A suggested answer (e.g. the local user name).
    QString defaultValue() const { return m_defaultValue; }
    void setDefaultValue(const QString &value) { m_defaultValue = value; }
    // Whether the answer may be shown while typed.
    bool echo() const { return m_kind == Kind::Username; }
    // The host this credential is for.
    QString host() const { return m_host; }
    void setHost(const QString &host) { m_host = host; }

    bool isDone() const { return m_done; }
    bool isCancelled() const { return m_cancelled; }
    QString value() const { return m_value; }

public Q_SLOTS:
    // Gives the credential. Only the first answer/confirm/cancel counts.
    void answer(const QString &value);
    // Accepts a HostKeyConfirmation.
    void confirm();
    // Refuses: the connection fails with Error::AuthCancelled.
    void cancel();

Q_SIGNALS:
    // Emitted once, after answer(), confirm() or cancel().
    void done();

private:
    Kind m_kind;
    QString m_prompt;
    QString m_detail;
    QString m_defaultValue;
    QString m_host;
    QString m_value;
    bool m_done = false;
    bool m_cancelled = false;
};

} // namespace verx
