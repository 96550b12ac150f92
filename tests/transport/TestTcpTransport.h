// SPDX-License-Identifier: GPL-2.0-or-later
// A plain TCP verx::Transport for the SASL tests (independent of the
// engine's TcpTransport).
#pragma once

#include "transport/Transport.h"

#include <QTcpSocket>

namespace verx::test {

class TestTcpTransport : public verx::Transport
{
    Q_OBJECT
public:
    TestTcpTransport(const QString &host, int port, QObject *parent = nullptr)
        : Transport(parent), m_host(host), m_port(port)
    {
        connect(&m_socket, &QTcpSocket::connected, this, &Transport::connected);
        connect(&m_socket, &QTcpSocket::readyRead, this, &Transport::readyRead);
        connect(&m_socket, &QTcpSocket::disconnected, this, &Transport::disconnected);
        connect(&m_socket, &QTcpSocket::errorOccurred, this, [this] {
            Q_EMIT errorOccurred(
                verx::Error::transport(verx::Error::TransportFailure, m_socket.errorString()));
        });
    }
    void connectToPeer() override { m_socket.connectToHost(m_host, quint16(m_port)); }
    void disconnectFromPeer() override { m_socket.disconnectFromHost(); }
    void abort() override
    {
        m_socket.disconnect(this);
        m_socket.abort();
    }
    bool isConnected() const override
    {
        return m_socket.state() == QAbstractSocket::ConnectedState;
    }
    qint64 bytesAvailable() const override { return m_socket.bytesAvailable(); }
    QByteArray read(qint64 maxSize) override { return m_socket.read(maxSize); }
    bool write(const QByteArray &data) override { return m_socket.write(data) == data.size(); }
    qint64 bytesToWrite() const override { return m_socket.bytesToWrite(); }
    void setReadBufferSize(qint64 size) override { m_socket.setReadBufferSize(size); }
    QString peerDescription() const override
    {
        return QStringLiteral("tcp:%1:%2").arg(m_host).arg(m_port);
    }
    QString localAddress() const
    {
        return m_socket.localAddress().toString() + QLatin1Char(';') +
               QString::number(m_socket.localPort());
    }
    QString remoteAddress() const
    {
        return m_socket.peerAddress().toString() + QLatin1Char(';') +
               QString::number(m_socket.peerPort());
    }

private:
    QTcpSocket m_socket;
    QString m_host;
    int m_port;
};

} // namespace verx::test
