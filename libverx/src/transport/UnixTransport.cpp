// SPDX-License-Identifier: LGPL-2.1-or-later
#include "UnixTransport.h"

#include <QLocalSocket>

namespace verx {

UnixTransport::UnixTransport(const QString &path, QObject *parent)
    : Transport(parent), m_path(path), m_socket(new QLocalSocket(this))
{
    connect(m_socket, &QLocalSocket::connected, this, &Transport::connected);
    connect(m_socket, &QLocalSocket::readyRead, this, &Transport::readyRead);
    connect(m_socket, &QLocalSocket::bytesWritten, this, &Transport::bytesWritten);
    connect(m_socket, &QLocalSocket::disconnected, this, [this]() {
        if (!m_failed)
            Q_EMIT disconnected();
    });
    connect(m_socket, &QLocalSocket::errorOccurred, this,
            [this](QLocalSocket::LocalSocketError error) {
                if (m_failed)
                    return;
                if (error == QLocalSocket::PeerClosedError) {
                    // disconnected() reports it.
                    return;
                }
                m_failed = true;
                Error::Code code = Error::TransportFailure;
                if (error == QLocalSocket::ConnectionRefusedError ||
                    error == QLocalSocket::ServerNotFoundError)
                    code = Error::ConnectionRefused;
                Q_EMIT errorOccurred(
                    Error::transport(code, QStringLiteral("Failed to connect socket to '%1': %2")
                                               .arg(m_path, m_socket->errorString())));
            });
}

UnixTransport::~UnixTransport()
{
    m_socket->disconnect(this);
    m_socket->abort();
}

void UnixTransport::connectToPeer()
{
    m_failed = false;
    m_socket->connectToServer(m_path, QIODevice::ReadWrite);
}

void UnixTransport::disconnectFromPeer()
{
    m_socket->disconnectFromServer();
}

void UnixTransport::abort()
{
    m_failed = true;
    m_socket->abort();
}

bool UnixTransport::isConnected() const
{
    return m_socket->state() == QLocalSocket::ConnectedState;
}

qint64 UnixTransport::bytesAvailable() const
{
    return m_socket->bytesAvailable();
}

QByteArray UnixTransport::read(qint64 maxSize)
{
    return m_socket->read(maxSize);
}

bool UnixTransport::write(const QByteArray &data)
{
    return m_socket->write(data) == data.size();
}

qint64 UnixTransport::bytesToWrite() const
{
    return m_socket->bytesToWrite();
}

void UnixTransport::setReadBufferSize(qint64 size)
{
    m_socket->setReadBufferSize(size);
}

QString UnixTransport::peerDescription() const
{
    return QStringLiteral("unix:") + m_path;
}

} // namespace verx
