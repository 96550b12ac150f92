// SPDX-License-Identifier: LGPL-2.1-or-later
// A transport over a child process's stdin/stdout (the base of the ssh and
// ext transports). stderr is collected and quoted in errors.
#pragma once

#include "Transport.h"

#include <QProcess>
#include <QStringList>

namespace verx {

class ProcessTransport : public Transport
{
    Q_OBJECT
public:
    explicit ProcessTransport(QObject *parent = nullptr);
    ~ProcessTransport() override;

    void connectToPeer() override;
    void disconnectFromPeer() override;
    void abort() override;
    bool isConnected() const override;
    qint64 bytesAvailable() const override;
    QByteArray read(qint64 maxSize) override;
    bool write(const QByteArray &data) override;
    qint64 bytesToWrite() const override;
    void setReadBufferSize(qint64 size) override;
    QString peerDescription() const override;

    // What the process wrote on stderr (the last 16 KiB).
    QString standardError() const;

protected:
    // Fills the program, arguments and environment; false with *code and
    // *error when the command cannot be built.
    virtual bool prepare(QString *program, QStringList *arguments, QProcessEnvironment *env,
                         Error::Code *code, QString *error) = 0;
    // The name used in messages ("ssh", "ext command").
    virtual QString label() const = 0;
    // An error for the process ending with stderr text; the default says
    // "<label> exited: <stderr>" (code TransportFailure).
    virtual Error exitError(int exitCode, const QString &stderrText) const;

    void fail(const Error &error);
    bool isStarting() const { return m_state == State::Starting; }

private:
    enum class State { Idle, Starting, Connected, Closing, Failed };

    void onStarted();
    void onProcessError(QProcess::ProcessError error);
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onStderr();

    QProcess *m_process = nullptr;
    State m_state = State::Idle;
    QByteArray m_stderr;
    QString m_description;
};

} // namespace verx
