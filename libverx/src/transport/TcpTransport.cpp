// SPDX-License-Identifier: LGPL-2.1-or-later
#include "TcpTransport.h"

#include <QTcpSocket>

namespace verx {

TcpTransport::TcpTransport(const QString &host, quint16 port, QObject *parent)
    : Transport(parent), m_host(host), m_port(port), m_socket(new QTcpSocket(this))
{
    connect(m_socket, &QTcpSocket::connected, this, [this]() {
        m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        m_socket->setSocketOption(QAbstractSocket::KeepAliveOption, 1);
        Q_EMIT connected();
    });
    connect(m_socket, &QTcpSocket::readyRead, this, &Transport::readyRead);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &Transport::bytesWritten);
    connect(m_socket, &QTcpSocket::disconnected, this, [this]() {
        if (!m_failed)
            Q_EMIT disconnected();
    });
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        if (m_failed || error == QAbstractSocket::RemoteHostClosedError)
            return;
        m_failed = true;
        Error::Code code = Error::TransportFailure;
        if (error == QAbstractSocket::ConnectionRefusedError)
            code = Error::ConnectionRefused;
        else if (error == QAbstractSocket::HostNotFoundError)
            code = Error::HostNotFound;
        else if (error == QAbstractSocket::SocketTimeoutError)
            code = Error::Timeout;
        Q_EMIT errorOccurred(
            Error::transport(code, QStringLiteral("unable to connect to server at '%1': %2")
                                       .arg(peerDescription().mid(4), m_socket->errorString())));
    });
}

TcpTransport::~TcpTransport()
{
    m_socket->disconnect(this);
    m_socket->abort();
}

void TcpTransport::connectToPeer()
{
    m_failed = false;
    m_socket->connectToHost(m_host, m_port);
}

void TcpTransport::disconnectFromPeer()
{
    m_socket->disconnectFromHost();
}

void TcpTransport::abort()
{
    m_failed = true;
    m_socket->abort();
}

bool TcpTransport::isConnected() const
{
    return m_socket->state() == QAbstractSocket::ConnectedState;
}

qint64 TcpTransport::bytesAvailable() const
{
    return m_socket->bytesAvailable();
}

QByteArray TcpTransport::read(qint64 maxSize)
{
    return m_socket->read(maxSize);
}

bool TcpTransport::write(const QByteArray &data)
{
    return m_socket->write(data) == data.size();
}

qint64 TcpTransport::bytesToWrite() const
{
    return m_socket->bytesToWrite();
}

void TcpTransport::setReadBufferSize(qint64 size)
{
    m_socket->setReadBufferSize(size);
}

QString TcpTransport::peerDescription() const
{
    const QString host = m_host.contains(u':') ? u'[' + m_host + u']' : m_host;
    return QStringLiteral("tcp:%1:%2").arg(host).arg(m_port);
}

} // namespace verx
