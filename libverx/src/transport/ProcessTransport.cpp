// SPDX-License-Identifier: LGPL-2.1-or-later
#include "ProcessTransport.h"

#include <QPointer>
#include <QTimer>

namespace verx {

namespace {
constexpr qsizetype maxStderr = 16384;
constexpr int closeGraceMs = 3000;
} // namespace

ProcessTransport::ProcessTransport(QObject *parent) : Transport(parent) {}

ProcessTransport::~ProcessTransport()
{
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(1000);
    }
}

void ProcessTransport::fail(const Error &error)
{
    if (m_state == State::Failed)
        return;
    m_state = State::Failed;
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
    }
    QMetaObject::invokeMethod(
        this,
        [this, error] {
            if (m_state == State::Failed)
                Q_EMIT errorOccurred(error);
        },
        Qt::QueuedConnection);
}

void ProcessTransport::connectToPeer()
{
    QString program;
    QStringList arguments;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    Error::Code code = Error::TransportFailure;
    QString error;
    if (!prepare(&program, &arguments, &env, &code, &error)) {
        fail(Error::transport(code, error));
        return;
    }
    m_description = label() + QLatin1Char(':') + program;
    m_process = new QProcess(this);
    m_process->setProgram(program);
    m_process->setArguments(arguments);
    m_process->setProcessEnvironment(env);
    // No controlling terminal: prompts go through SSH_ASKPASS, not /dev/tty.
    m_process->setUnixProcessParameters(QProcess::UnixProcessFlag::CreateNewSession |
                                        QProcess::UnixProcessFlag::IgnoreSigPipe);
    connect(m_process, &QProcess::started, this, &ProcessTransport::onStarted);
    connect(m_process, &QProcess::errorOccurred, this, &ProcessTransport::onProcessError);
    connect(m_process, &QProcess::finished, this, &ProcessTransport::onFinished);
    connect(m_process, &QProcess::readyReadStandardError, this, &ProcessTransport::onStderr);
    connect(m_process, &QProcess::readyReadStandardOutput, this, [this] {
        if (m_state == State::Connected || m_state == State::Closing)
            Q_EMIT readyRead();
    });
    connect(m_process, &QProcess::bytesWritten, this, [this](qint64 bytes) {
        if (m_state == State::Connected)
            Q_EMIT bytesWritten(bytes);
    });
    m_state = State::Starting;
    m_process->start(QIODevice::ReadWrite);
}

void ProcessTransport::onStarted()
{
    if (m_state != State::Starting)
        return;
    m_state = State::Connected;
    Q_EMIT connected();
}

void ProcessTransport::onProcessError(QProcess::ProcessError error)
{
    if (error == QProcess::FailedToStart) {
        fail(Error::transport(Error::TransportFailure,
                              QStringLiteral("cannot run %1 '%2': %3")
                                  .arg(label(), m_process->program(), m_process->errorString())));
    }
    // Crashes and exits are reported by onFinished(); write errors by the
    // process ending.
}

void ProcessTransport::onStderr()
{
    m_stderr += m_process->readAllStandardError();
    if (m_stderr.size() > maxStderr)
        m_stderr = m_stderr.right(maxStderr);
}

QString ProcessTransport::standardError() const
{
    return QString::fromLocal8Bit(m_stderr).trimmed();
}

Error ProcessTransport::exitError(int exitCode, const QString &stderrText) const
{
    QString message = QStringLiteral("%1 exited with status %2").arg(label()).arg(exitCode);
    if (!stderrText.isEmpty())
        message = QStringLiteral("%1: %2").arg(label(), stderrText);
    return Error::transport(Error::TransportFailure, message);
}

void ProcessTransport::onFinished(int exitCode, QProcess::ExitStatus status)
{
    onStderr();
    if (m_state == State::Failed || m_state == State::Idle)
        return;
    const QString text = standardError();
    if (m_state == State::Closing) {
        m_state = State::Idle;
        Q_EMIT disconnected();
        return;
    }
    if (status == QProcess::CrashExit) {
        fail(Error::transport(Error::TransportFailure,
                              QStringLiteral("%1 '%2' crashed%3")
                                  .arg(label(), m_process->program(),
                                       text.isEmpty() ? QString() : QStringLiteral(": ") + text)));
        return;
    }
    if (exitCode != 0 || !text.isEmpty()) {
        fail(exitError(exitCode, text));
        return;
    }
    m_state = State::Idle;
    Q_EMIT disconnected();
}

void ProcessTransport::disconnectFromPeer()
{
    if (!m_process || m_state != State::Connected) {
        abort();
        QMetaObject::invokeMethod(this, &Transport::disconnected, Qt::QueuedConnection);
        return;
    }
    m_state = State::Closing;
    m_process->closeWriteChannel();
    QPointer<QProcess> process = m_process;
    QTimer::singleShot(closeGraceMs, this, [process] {
        if (process && process->state() != QProcess::NotRunning)
            process->terminate();
    });
}

void ProcessTransport::abort()
{
    m_state = State::Idle;
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
    }
}

bool ProcessTransport::isConnected() const
{
    return m_state == State::Connected;
}

qint64 ProcessTransport::bytesAvailable() const
{
    return m_process ? m_process->bytesAvailable() : 0;
}

QByteArray ProcessTransport::read(qint64 maxSize)
{
    return m_process ? m_process->read(maxSize) : QByteArray();
}

bool ProcessTransport::write(const QByteArray &data)
{
    if (m_state != State::Connected)
        return false;
    return m_process->write(data) == data.size();
}

qint64 ProcessTransport::bytesToWrite() const
{
    return m_process ? m_process->bytesToWrite() : 0;
}

void ProcessTransport::setReadBufferSize(qint64)
{
    // QProcess has no read buffer limit: the pipe's own buffer applies.
}

QString ProcessTransport::peerDescription() const
{
    return m_description;
}

} // namespace verx
